import "server-only";
import net from "node:net";
import { type CompiledQuery, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { config } from "./config";
import { busyError, type ClassifyContext, classify, SourceError } from "./errors";
import { type Freshness, type FreshnessRow, freshnessColumns, toFreshness } from "./freshness";
import { GateTimeout, type Release } from "./gate";
import { markFailed, markHealthy, type Replica, replicasToTry, runningOn } from "./pool";
import type { Source } from "./sources";

export interface ReadOnlyOptions {
  /** Shown as application_name `lookback:<label>` in pg_stat_activity, so a DBA can see who runs what. */
  label: string;
  timeoutMs?: number;
  /** Aborting cancels the running statement on the server. */
  signal?: AbortSignal;
  /** REPEATABLE READ, for work of several statements that must see one snapshot. */
  repeatable?: boolean;
  /** Called with every statement run, its parameters and duration: "view SQL" and the benchmark's floor. */
  onQuery?: (query: CompiledQuery, durationMs: number) => void;
  /** How long to wait for a free pooled connection before failing as `busy` (default LOOKBACK_QUEUE_TIMEOUT_MS). */
  queueTimeoutMs?: number;
  /** Planner settings for this transaction only (SET LOCAL), sent with BEGIN (Report.settings). */
  settings?: Readonly<Record<string, string>>;
}

export interface ReadOnlyTx<DB> {
  db: Kysely<DB>;
  client: pg.PoolClient;
  replica: Replica;
  freshness: Freshness;
}

export interface OpenTransaction<DB> extends ReadOnlyTx<DB> {
  /** Commit and return the connection to the pool. */
  commit(): Promise<void>;
  /** Roll back and discard the connection; returns the error as a SourceError. */
  fail(error: unknown): SourceError;
}

/**
 * Opens one READ ONLY transaction on a replica of `source`, with a statement
 * timeout and an application_name. Two waits, told apart:
 *
 * - for a free connection in Lookback's own pool (every one taken by other
 *   reports): up to LOOKBACK_QUEUE_TIMEOUT_MS, then `busy`. The database is
 *   fine; we are just running as much on it as we allow ourselves.
 * - for the replica to accept a connection and answer BEGIN: replicas are
 *   tried in the pool's order (healthy and fresh first) until one answers,
 *   all within one connect timeout shared among them, so a source that is
 *   down is reported (503 `source_down`) within LOOKBACK_CONNECT_TIMEOUT_MS
 *   and one replica that hangs leaves time for the next.
 *
 * Every failure becomes a SourceError that says what happened, and the
 * connection is then discarded, not returned to the pool: a connection that
 * was cancelled or cut by recovery is never reused.
 * Prefer `readOnly`, which closes the transaction for you.
 */
export async function openReadOnly<DB>(source: Source, options: ReadOnlyOptions): Promise<OpenTransaction<DB>> {
  const c = config();
  const timeoutMs = options.timeoutMs ?? c.LOOKBACK_STATEMENT_TIMEOUT_MS;
  const context: ClassifyContext = { timeoutMs, cancelled: false, unanswered: false };
  options.signal?.throwIfAborted();
  const queueDeadline = Date.now() + (options.queueTimeoutMs ?? c.LOOKBACK_QUEUE_TIMEOUT_MS);
  // Only time spent connecting counts against the connect timeout, never time spent waiting for a place.
  let connectLeft = c.LOOKBACK_CONNECT_TIMEOUT_MS;
  const groups = replicasToTry(source);
  const candidates = groups.flat();
  const groupOf = new Map(groups.flatMap((g, k) => g.map((r) => [r, k] as const)));
  let lastError: unknown;
  for (let i = 0; i < candidates.length && connectLeft > 0; i++) {
    // A replica with a free connection now beats waiting for one on a busier replica of its group, never a
    // healthier or fresher one: a replica that just failed or lags is no better for being idle.
    const group = groupOf.get(candidates[i] as Replica);
    const free = candidates.findIndex((r, j) => j >= i && groupOf.get(r) === group && r.slots.free > 0);
    if (free > i) [candidates[i], candidates[free]] = [candidates[free] as Replica, candidates[i] as Replica];
    const replica = candidates[i] as Replica;
    let release: Release;
    try {
      release = await replica.slots.acquire(queueDeadline - Date.now(), options.signal);
    } catch (error) {
      if (error instanceof GateTimeout) throw busyError(source, runningOn(source), candidates.length);
      throw error;
    }
    // Share what is left among the replicas not tried yet: one that hangs cannot eat the others' chance.
    const budget = Math.max(connectLeft / (candidates.length - i), Math.min(connectLeft, 250));
    const started = Date.now();
    try {
      return await begin<DB>(replica, release, options, context, budget, c.LOOKBACK_CONNECT_TIMEOUT_MS);
    } catch (error) {
      connectLeft -= Date.now() - started;
      const classified = classify(error, source, context);
      if (classified.kind !== "source_down") throw classified;
      lastError = error;
    }
  }
  throw classify(lastError ?? new Error("timeout exceeded when trying to connect"), source, context);
}

/**
 * Connects to one replica and opens the transaction there; a replica that does not answer in time is marked failed.
 * Owns `release` (the replica's place taken for this connection) and gives it back when the connection is.
 */
async function begin<DB>(
  replica: Replica,
  release: Release,
  options: ReadOnlyOptions,
  context: ClassifyContext,
  withinMs: number,
  graceMs: number,
): Promise<OpenTransaction<DB>> {
  const source = replica.source;
  let client: pg.PoolClient;
  try {
    client = await connectWithin(replica.pool, withinMs);
  } catch (error) {
    release();
    markFailed(replica);
    throw error;
  }
  // The place is given back only when the backend is gone (see discard), so note when that is.
  let ended = false;
  const onEnd = () => {
    ended = true;
  };
  client.once("end", onEnd);
  let done = false;
  const onAbort = () => {
    context.cancelled = true;
    if (!done) cancelBackend(client, graceMs);
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const finish = () => {
    done = true;
    options.signal?.removeEventListener("abort", onAbort);
  };
  /**
   * Drops the connection. Its backend may still be running a statement (the
   * caller went away, or another source of the same run failed): cancel it,
   * let it end, and keep the place until the backend has exited, or the pool
   * would open a new connection beside one still working and the replica
   * would see more than LOOKBACK_POOL_MAX of ours.
   */
  const discard = (error: unknown) => {
    const running = !context.unanswered && !ended && hasStatementInFlight(client);
    if (running) cancelBackend(client, graceMs);
    const drop = () => {
      client.removeListener("end", onEnd);
      if (ended) release();
      else {
        // A server that takes the Terminate but never closes (frozen) is cut, so the place comes back.
        const cut = setTimeout(() => destroyStream(client), graceMs);
        client.once("end", () => {
          clearTimeout(cut);
          release();
        });
      }
      client.release(error instanceof Error ? error : true);
    };
    if (!running) return drop();
    // pg cuts the socket of a client ended mid-statement, which would free the place while the backend
    // still runs: wait for the cancelled statement to end first (or the grace, if the cancel is lost).
    let dropped = false;
    const once = () => {
      if (dropped) return;
      dropped = true;
      clearTimeout(wait);
      client.removeListener("drain", once);
      client.removeListener("end", once);
      drop();
    };
    const wait = setTimeout(once, graceMs);
    client.once("drain", once);
    client.once("end", once);
  };
  const fail = (error: unknown) => {
    if (!done) {
      finish();
      discard(error);
    }
    const classified = classify(error, source, context);
    if (classified.kind === "source_down") markFailed(replica);
    return classified;
  };
  try {
    const settings = await watchdog(
      client,
      context,
      withinMs,
      (async () => {
        const begin = options.repeatable ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN READ ONLY";
        // JIT off: reports are one-off analytical statements, and compiling them cost 1-5 s in our
        // measurements for queries that run in under a second. A report's own settings come last (and win).
        const session: Record<string, string> = {
          statement_timeout: `${context.timeoutMs}ms`,
          application_name: `lookback:${options.label}`.slice(0, 63),
          jit: "off",
          ...options.settings,
        };
        const sets = Object.entries(session).map(
          ([key, value]) => `set_config(${pg.escapeLiteral(key)}, ${pg.escapeLiteral(value)}, true)`,
        );
        // One round trip, not two: the simple protocol takes both statements in one message (so the values
        // are literals). Under load every round trip waits its turn on a busy event loop.
        const results = (await client.query(
          `${begin}; SELECT ${sets.join(", ")}, ${freshnessColumns(source)}`,
        )) as unknown as pg.QueryResult<FreshnessRow>[];
        return results[1] as pg.QueryResult<FreshnessRow>;
      })(),
    );
    const row = settings.rows[0] as FreshnessRow;
    if (options.signal?.aborted) onAbort();
    const freshness: Freshness = {
      ...toFreshness(source, row),
      ...(replica.count > 1 ? { replica: { number: replica.index + 1, of: replica.count } } : {}),
    };
    markHealthy(replica, freshness.lagSeconds);
    return {
      // A statement may run for its timeout; past that plus a grace the server is not answering at all.
      db: kyselyOn<DB>(client, context, context.timeoutMs + graceMs, () => done, {
        onQuery: options.onQuery,
        // A statement's error names this source: a report reading two sources fails naming the one that refused.
        onError: (error) => classify(error, source, context),
      }),
      client,
      replica,
      freshness,
      async commit() {
        try {
          await watchdog(client, context, graceMs, client.query("COMMIT"));
        } catch (error) {
          throw fail(error);
        }
        finish();
        if (context.cancelled) {
          // A cancel was sent and may land late: never hand this backend to the next report.
          discard(true);
        } else {
          client.removeListener("end", onEnd);
          client.release();
          release();
        }
      },
      fail,
    };
  } catch (error) {
    throw fail(error);
  }
}

/** pool.connect() bounded by `ms`; a connection that arrives too late goes back to the pool unused. */
function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error("timeout exceeded when trying to connect"));
    }, ms);
    pool.connect().then(
      (client) => {
        if (late) client.release();
        else {
          clearTimeout(timer);
          resolve(client);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

/**
 * A server that stops answering (frozen, or a network that drops packets)
 * never fires its own statement timeout. Past `ms`, cut the connection:
 * the query then fails with "Connection terminated" and the replica is
 * reported down instead of the request hanging.
 */
async function watchdog<T>(client: pg.PoolClient, context: ClassifyContext, ms: number, work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    context.unanswered = true;
    destroyStream(client);
  }, ms);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` inside one READ ONLY transaction on `source` (see openReadOnly). */
export async function readOnly<DB, T>(
  source: Source,
  options: ReadOnlyOptions,
  work: (tx: ReadOnlyTx<DB>) => Promise<T>,
): Promise<T> {
  const tx = await openReadOnly<DB>(source, options);
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    throw tx.fail(error);
  }
  await tx.commit();
  return result;
}

/**
 * A Kysely instance whose only connection is the transaction's client, each statement under the watchdog.
 * A report may start several statements at once (Promise.all); they run one after the other, each issued
 * when the one before has settled, since pg deprecates (and pg 9 refuses) a query on a client that is
 * still executing one. A statement still waiting its turn when the transaction has ended (failed or
 * committed) is not issued at all: it fails, and pg's own queue never holds more than the running one.
 */
function kyselyOn<DB>(
  client: pg.PoolClient,
  context: ClassifyContext,
  watchMs: number,
  ended: () => boolean,
  { onQuery, onError }: { onQuery?: ReadOnlyOptions["onQuery"]; onError: (error: unknown) => unknown },
): Kysely<DB> {
  let turn: Promise<unknown> = Promise.resolve();
  const query = (...args: unknown[]) => {
    // A cursor (streamed export) is not a promise: issued at once, its reads run under the statement timeout only.
    if (args[0] instanceof Cursor) return (client.query as (...a: unknown[]) => unknown)(...args);
    const run = turn
      .then(() => {
        if (ended()) throw new Error("the transaction has ended: statement not run");
        return watchdog(client, context, watchMs, (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
      })
      .catch((error: unknown) => {
        throw onError(error);
      });
    turn = run.catch(() => {});
    return run;
  };
  const single = {
    connect: async () => ({ query, release() {} }),
    end: async () => {},
  };
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: single as never, cursor: Cursor }),
    log: onQuery
      ? (event) => {
          if (event.level === "query") onQuery(event.query, event.queryDurationMillis);
        }
      : undefined,
  });
}

/** Whether the client has a statement running or queued (pg's own bookkeeping; no public API says it). */
function hasStatementInFlight(client: pg.PoolClient): boolean {
  const c = client as unknown as { _getActiveQuery?(): unknown; _queryQueue?: unknown[] };
  // Unknown internals (another pg version): assume it may be running; the grace bounds the wait.
  if (typeof c._getActiveQuery !== "function") return true;
  return Boolean(c._getActiveQuery()) || (c._queryQueue?.length ?? 0) > 0;
}

/** Cuts the connection's socket at once (no Terminate): the client ends, with an error for a statement in flight. */
function destroyStream(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  if (stream) stream.destroy();
  else void client.end().catch(() => {});
}

/**
 * Cancels whatever the connection's backend is running, with the protocol's
 * own CancelRequest (its pid and secret key, on a socket of its own, as
 * libpq's PQcancel does). It needs no pooled connection, so it is sent at
 * once even when every connection is busy (a pg_cancel_backend query would
 * wait for one), and it leaves no backend of ours behind. Best effort: the
 * statement ends at its timeout anyway.
 */
function cancelBackend(client: pg.PoolClient, withinMs: number): void {
  const c = client as unknown as { processID: number | null; secretKey: number | null; host: string; port: number };
  if (c.processID === null || typeof c.secretKey !== "number") return;
  const request = Buffer.alloc(16);
  request.writeInt32BE(16, 0);
  request.writeInt32BE(80877102, 4); // the cancel request code: 1234 << 16 | 5678
  request.writeInt32BE(c.processID, 8);
  request.writeInt32BE(c.secretKey, 12);
  const socket = c.host.startsWith("/") ? net.connect(`${c.host}/.s.PGSQL.${c.port}`) : net.connect(c.port, c.host);
  socket.setTimeout(withinMs, () => socket.destroy());
  socket.on("error", () => {});
  socket.on("connect", () => socket.end(request));
}

/** The freshness of a source, on its own: for the catalog and health checks. */
export function freshness(source: Source, signal?: AbortSignal): Promise<Freshness> {
  return readOnly(source, { label: "freshness", signal }, async (tx) => tx.freshness);
}

export { SourceError };
