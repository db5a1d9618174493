import "server-only";
import pg from "pg";
import { processWide } from "../process-wide";
import { config } from "./config";
import { type FreshnessRow, freshnessColumns, toFreshness } from "./freshness";
import { Gate } from "./gate";
import type { Source } from "./sources";
import { closeStorePool } from "./store";
import { typeParsers } from "./type-parsers";

/** What Lookback last learnt about a replica. */
export interface ReplicaHealth {
  /** When it last failed to connect or to answer; it is avoided for a while after. */
  failedAt?: number;
  /** Its lag when last seen (a report's freshness, or a background check). */
  lagSeconds?: number;
}

/** One replica of a source: its own pool, and what we last learnt about its health and lag. */
export interface Replica extends ReplicaHealth {
  source: Source;
  index: number;
  /** How many replicas the source has: "replica 2 of 3" on the page. */
  count: number;
  pool: pg.Pool;
  /**
   * Its pool's connections, counted by Lookback: a report takes a place here
   * before it asks the pool for a connection, and gives it back only once
   * that connection is back in the pool or its backend has exited. So the
   * wait for a free connection (busy) is told apart from the connect itself
   * (down), and the replica never sees more than LOOKBACK_POOL_MAX of our
   * backends, even while a discarded one finishes.
   */
  slots: Gate;
}

const replicas = processWide("replicas", () => new Map<Source, Replica[]>());
const roundRobin = processWide("round-robin", () => new Map<Source, number>());
const checkers = processWide("replica-checkers", () => new Map<Source, NodeJS.Timeout>());
const heavyGates = processWide("heavy-gates", () => new Map<Source, Gate>());
const sharedGates = processWide("shared-gates", () => new Map<Source, Gate>());

function urlsOf(source: Source): string[] {
  const c = config();
  // On Request Tracker the helpdesk source is the copy in our own database (lib/sources/rt), not RT itself.
  if (source === "helpdesk" && isRtCopy(source)) return [c.LOOKBACK_DATABASE_URL as string];
  return source === "helpdesk" ? c.HELPDESK_DATABASE_URL : c.BILLING_DATABASE_URL;
}

/** Whether `source` is read from the ingested copy of a Request Tracker database (schema rt_helpdesk). */
export function isRtCopy(source: Source): boolean {
  return source === "helpdesk" && config().HELPDESK_KIND === "rt";
}

export function replicasOf(source: Source): Replica[] {
  let list = replicas.get(source);
  if (!list) {
    const c = config();
    const urls = urlsOf(source);
    list = urls.map((connectionString, index) => {
      const pool = new pg.Pool({
        connectionString,
        max: c.LOOKBACK_POOL_MAX,
        connectionTimeoutMillis: c.LOOKBACK_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: c.LOOKBACK_IDLE_TIMEOUT_MS,
        application_name: "lookback",
        // Instants are compared and truncated in SQL; fix the session zone so that
        // nothing depends on the server's default. Reports convert explicitly.
        options: `-c TimeZone=UTC${isRtCopy(source) ? " -c search_path=rt_helpdesk" : ""}`,
        types: typeParsers,
        keepAlive: true,
      });
      // An idle connection that dies (the replica restarted, recovery terminated it,
      // a network blip) is dropped by pg; without a listener it would crash the process.
      pool.on("error", () => {});
      // So may one that is checked out, between two statements or when the watchdog cuts it:
      // the statement in flight fails on its own, and the next one finds it "not queryable".
      pool.on("connect", (client) => client.on("error", () => {}));
      return { source, index, count: urls.length, pool, slots: new Gate(c.LOOKBACK_POOL_MAX) };
    });
    replicas.set(source, list);
    if (list.length > 1) startChecking(source, list, c.LOOKBACK_REPLICA_CHECK_SECONDS * 1000);
  }
  return list;
}

/**
 * The places for heavy reports on `source`: half its pool (at least one),
 * so that however many year-long aggregates are asked for at once, light
 * reports (a certificate lookup, one tech's scorecard) always find a
 * connection. Per source, not per replica: a heavy run takes its place
 * before it knows which replica it will land on. As many again may wait
 * for a place; past that the lane is full and a heavy run is "busy" at once.
 */
export function heavyGate(source: Source): Gate {
  let gate = heavyGates.get(source);
  if (!gate) {
    const places = Math.max(1, Math.floor(config().LOOKBACK_POOL_MAX / 2));
    gate = new Gate(places, places);
    heavyGates.set(source, gate);
  }
  return gate;
}

/**
 * The places for every run on `source` but lookups: its pool less a third
 * kept for lookups (at least one; all of a pool of one), so a lookup (a
 * certificate, one tech's scorecard) finds a connection without queueing
 * behind time travel or a year of every tech. One kept connection was not
 * enough under load: forty lookups in fifty requests queued for it, each
 * holding it for a few round trips on a busy event loop. Waiting here is
 * waiting for a connection: no queue limit, up to the run's queue timeout.
 */
export function sharedGate(source: Source): Gate {
  let gate = sharedGates.get(source);
  if (!gate) {
    const pool = config().LOOKBACK_POOL_MAX;
    gate = new Gate(Math.max(1, pool - Math.ceil(pool / 3)));
    sharedGates.set(source, gate);
  }
  return gate;
}

/** Connections Lookback holds on `source` right now, over all its replicas: what "busy" counts. */
export function runningOn(source: Source): number {
  return replicasOf(source).reduce((n, r) => n + r.slots.inUse, 0);
}

/**
 * The replicas of `source` in the order to try them, in replicaGroups'
 * groups: the first is this request's pick (round-robin over the healthy,
 * fresh ones), the rest are the fallbacks should it not answer.
 */
export function replicasToTry(source: Source): Replica[][] {
  const list = replicasOf(source);
  const turn = (roundRobin.get(source) ?? 0) + 1;
  roundRobin.set(source, turn);
  return replicaGroups(list, { now: Date.now(), turn, lagAvoidSeconds: config().LOOKBACK_LAG_AVOID_SECONDS });
}

/** The next replica to use (the first of replicasToTry). */
export function pickReplica(source: Source): Replica {
  return replicasToTry(source).flat()[0] as Replica;
}

export function markFailed(replica: Replica): void {
  replica.failedAt = Date.now();
}

export function markHealthy(replica: Replica, lagSeconds: number): void {
  replica.failedAt = undefined;
  replica.lagSeconds = lagSeconds;
}

/**
 * With several replicas, each is checked in the background (health and lag),
 * so one that fell behind or went away is avoided before a report lands on
 * it, and one that came back is used again. The timer never keeps the
 * process alive.
 */
function startChecking(source: Source, list: Replica[], everyMs: number): void {
  const timer = setInterval(() => {
    for (const replica of list) void check(replica);
  }, everyMs);
  timer.unref();
  checkers.set(source, timer);
}

const checking = new WeakSet<Replica>();

/** One health check: its lag, or a failure if it does not answer within the connect timeout. */
export async function check(replica: Replica): Promise<void> {
  if (checking.has(replica)) return;
  // A replica whose every connection is taken is busy answering reports, which update its health
  // themselves; a check must not take a connection from them, nor queue inside the pool.
  const release = replica.slots.tryAcquire();
  if (!release) return;
  checking.add(replica);
  try {
    const result = await replica.pool.query<FreshnessRow>({
      text: `SELECT ${freshnessColumns(replica.source)}`,
      query_timeout: config().LOOKBACK_CONNECT_TIMEOUT_MS,
    } as pg.QueryConfig);
    markHealthy(replica, toFreshness(replica.source, result.rows[0] as FreshnessRow).lagSeconds);
  } catch {
    markFailed(replica);
  } finally {
    checking.delete(replica);
    release();
  }
}

/** A replica that failed is avoided this long, unless every replica of the source has failed. */
export const AVOID_FAILED_MS = 10_000;

/**
 * The order in which to try a source's replicas, in three groups: healthy
 * replicas first (not failed in the last AVOID_FAILED_MS), and among those
 * the fresh ones first: a replica whose lag exceeds the least lag among the
 * healthy by more than `lagAvoidSeconds` is tried only after them; the failed
 * last. Within each group, round-robin by `turn`, so load spreads. Nothing is
 * ever left out: with every replica down or lagging, Lookback still tries
 * them (and says how far behind).
 */
export function replicaGroups<R extends ReplicaHealth>(
  list: readonly R[],
  options: { now: number; turn: number; lagAvoidSeconds: number },
): [R[], R[], R[]] {
  const healthy = list.filter((r) => r.failedAt === undefined || options.now - r.failedAt > AVOID_FAILED_MS);
  const lags = healthy.flatMap((r) => (r.lagSeconds === undefined ? [] : [r.lagSeconds]));
  const best = lags.length > 0 ? Math.min(...lags) : 0;
  const fresh = healthy.filter((r) => r.lagSeconds === undefined || r.lagSeconds - best <= options.lagAvoidSeconds);
  const lagging = healthy.filter((r) => !fresh.includes(r));
  const failed = list.filter((r) => !healthy.includes(r)).sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0));
  return [rotate(fresh, options.turn), rotate(lagging, options.turn), failed];
}

function rotate<T>(list: readonly T[], turn: number): T[] {
  if (list.length === 0) return [];
  const k = turn % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export async function closePools(): Promise<void> {
  // Our own database's pool too: tests point Lookback at new databases between files.
  await closeStorePool();
  for (const timer of checkers.values()) clearInterval(timer);
  checkers.clear();
  heavyGates.clear();
  sharedGates.clear();
  const all = [...replicas.values()].flat();
  replicas.clear();
  await Promise.all(all.map((r) => r.pool.end()));
}
