import "server-only";
import { type Kysely, sql } from "kysely";
import { readOnly } from "../db/read-only";
import { storeDb } from "../db/store";
import type { Helpdesk } from "../db/types";
import { addJob } from "../jobs/runner";
import { errorMessage, log } from "../log";
import { processWide } from "../process-wide";
import { depthEdges, type QueueSpanRow, queueSpans, type SpanTickets } from "../sql/helpdesk/queue-spans";
import {
  createBuildingTable,
  DEPTH,
  ensureStateTable,
  GAPS,
  type Gap,
  publishBuilt,
  replaceGaps,
  SPANS,
  STATE,
  type StoreDb,
  VERSION,
} from "./schema";

/**
 * Keeping the history index in step with the helpdesk's ticket_events.
 *
 * Build: every ticket's events, read from the replica in chunks of about
 * CHUNK_EVENTS events cut between tickets (bounded statements, each its own
 * read-only transaction, so a standby can cancel one without losing the
 * rest; sparse ticket ids cost nothing), folded into spans on the replica by
 * the one fold the reports also run without us (queueSpans), and written to
 * a new table that replaces the old one only when complete, with its depth
 * marks. Events up to the highest event id seen at the start are in it.
 *
 * Catch-up, before every read: events with a greater id than the index
 * holds (the contract: ids grow with `at`) name the tickets to fold again,
 * from all of their events by the same fold; their old spans' depth edges
 * are taken off the depth marks and their new spans' put on. An id below
 * the mark that was missing when looked at (its transaction had not
 * committed, or rolled back) is kept as a gap (GAPS); every catch-up probes
 * the gaps, and an event that filled one names its ticket too, however far
 * below the mark and however quiet the helpdesk since. Gaps are kept for the
 * GAP_SPAN ids below the mark, at most MAX_GAPS of them, the newest.
 */
/** Events per build statement (whole tickets: a chunk ends where a ticket begins). */
const CHUNK_EVENTS = 250_000;
const INSERT_BATCH = 5_000;
/** How far below the mark a late commit is still looked for: a transaction left open while this many other events commit is not. */
export const GAP_SPAN = 100_000;
/** The most gaps kept (the newest): rolled-back ids are gaps that never fill. */
const MAX_GAPS = 1_000;
/** Past this many tickets to fold again, catching up is a rebuild: reads fall back to the replica meanwhile. */
const CATCH_UP_MAX_TICKETS = 50_000;
/** A build's chunk may read a few hundred thousand events; a catch-up's must stay a small part of a report. */
const BUILD_STATEMENT_MS = 300_000;

export interface BuildResult {
  tickets: number;
  events: number;
  spans: number;
  lastEventId: number;
  seconds: number;
}

/** Builds the index from scratch. Throws when our own database is not configured, or another process is building. */
export async function buildHistory(
  onProgress?: (message: string) => void,
  { chunkEvents = CHUNK_EVENTS }: { chunkEvents?: number } = {},
): Promise<BuildResult> {
  const store = storeDb<StoreDb>();
  if (!store)
    throw new Error("LOOKBACK_DATABASE_URL is not set: there is no database of our own to build the index in");
  // One builder per database of our own, across processes: a session lock held on one connection throughout.
  return store.connection().execute(async (held) => {
    const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${BUILD_LOCK_KEY}) AS got`.execute(held);
    if (!rows[0]?.got) throw new BuildElsewhere();
    try {
      return await build(store, chunkEvents, onProgress);
    } finally {
      await sql`SELECT pg_advisory_unlock(${BUILD_LOCK_KEY})`.execute(held);
    }
  });
}

async function build(
  store: Kysely<StoreDb>,
  chunkEvents: number,
  onProgress?: (message: string) => void,
): Promise<BuildResult> {
  const started = performance.now();
  await ensureStateTable(store);
  type Bounds = { db: string; last: number | null; lo: number | null; hi: number | null; gaps: Gap[] };
  const bounds = await readOnly<Helpdesk, Bounds>("helpdesk", { label: "history-build" }, async ({ db }) => {
    const { rows } = await sql<Omit<Bounds, "gaps">>`
        SELECT current_database() AS db, (SELECT max(id) FROM ticket_events) AS last,
               (SELECT min(ticket_id) FROM ticket_events) AS lo, (SELECT max(ticket_id) FROM ticket_events) AS hi`.execute(
      db,
    );
    const row = rows[0] as Omit<Bounds, "gaps">;
    // The ids missing now may commit while the chunks are read, after their ticket's chunk: gaps from the start.
    const gaps = row.last === null ? [] : await gapsIn(db, [{ lo: 1, hi: row.last }], row.last);
    return { ...row, gaps };
  });
  const table = await createBuildingTable(store);
  const lastEventId = bounds.last ?? 0;
  let events = 0;
  let spans = 0;
  let tickets = 0;
  // Each chunk: the tickets from `lo` up to (not including) the ticket of the chunkEvents-th event after it.
  for (let lo = bounds.lo; lo !== null; ) {
    const from = lo;
    const [chunk, count, next] = await readOnly<Helpdesk, [StoredSpan[], number, number | null]>(
      "helpdesk",
      { label: "history-build", timeoutMs: BUILD_STATEMENT_MS },
      async ({ db }) => {
        await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(db);
        const { rows } = await sql<{ ticket_id: number }>`
          SELECT e.ticket_id FROM ticket_events e WHERE e.ticket_id >= ${from}
          ORDER BY e.ticket_id, e.at OFFSET ${chunkEvents} LIMIT 1`.execute(db);
        // One ticket with more events than a chunk is a chunk of its own.
        const bound = rows[0] ? Math.max(rows[0].ticket_id, from + 1) : null;
        const upTo = bound === null ? sql`` : sql`AND e.ticket_id < ${bound}`;
        const counted = await sql<{ n: string }>`
          SELECT count(*) AS n FROM ticket_events e WHERE e.ticket_id >= ${from} ${upTo} AND e.id <= ${lastEventId}`.execute(
          db,
        );
        const spans = await foldOnReplica(db, { from, below: bound }, lastEventId);
        return [spans, Number(counted.rows[0]?.n ?? 0), bound];
      },
    );
    events += count;
    tickets += new Set(chunk.map((s) => s.ticket_id)).size;
    spans += await insertSpans(store, table, chunk);
    onProgress?.(`history index: ${events.toLocaleString("en")} events of tickets up to ${next ?? bounds.hi}`);
    lo = next;
  }
  await publishBuilt(store, { sourceDatabase: bounds.db, lastEventId, gaps: bounds.gaps });
  return { tickets, events, spans, lastEventId, seconds: (performance.now() - started) / 1000 };
}

/** What a read found: the index is current (caught up within the reader's snapshot), or why it cannot be used. */
export type Readiness = { ready: true } | { ready: false; reason: "not built" | "rebuilding" };

/**
 * Brings the index up to the helpdesk snapshot `helpdesk` reads (a report's
 * read-only transaction). Not ready when there is no index of this version
 * for this database yet, or when it has fallen too far behind: a build is
 * then started in the background and the caller reads the replica instead.
 */
export async function catchUp(helpdesk: Kysely<Helpdesk>, store: Kysely<StoreDb>): Promise<Readiness> {
  const state = await onStore(readState(store));
  const gaps = state?.gaps ?? [];
  // One round trip: the mark, and the tickets of events that filled a gap since it was recorded.
  const { rows } = await sql<{ db: string; last: number | null; filled: number[] }>`
    SELECT current_database() AS db, (SELECT max(id) FROM ticket_events) AS last,
           ARRAY(SELECT DISTINCT e.ticket_id
                 FROM unnest(${gaps.map((g) => g.lo)}::int8[], ${gaps.map((g) => g.hi)}::int8[]) g(lo, hi)
                 JOIN ticket_events e ON e.id BETWEEN g.lo AND g.hi) AS filled`.execute(helpdesk);
  const source = rows[0] as { db: string; last: number | null; filled: number[] };
  if (!state || state.version !== VERSION || state.source_database !== source.db) return startBuild("not built");
  const last = source.last ?? 0;
  // Nothing new; or our snapshot is older than the last catch-up's, and the index holds all it could see
  // (a gap is recorded missing in a snapshot, so only a newer one can find it filled).
  if (last < state.last_event_id || (last === state.last_event_id && source.filled.length === 0)) {
    return { ready: true };
  }
  const changed = await sql<{ ticket_id: number }>`
    SELECT DISTINCT e.ticket_id FROM ticket_events e
    WHERE e.id > ${state.last_event_id} AND e.id <= ${last}
    LIMIT ${CATCH_UP_MAX_TICKETS + 1}`.execute(helpdesk);
  if (changed.rows.length > CATCH_UP_MAX_TICKETS) return startBuild("rebuilding");
  const ids = [...new Set([...changed.rows.map((r) => Number(r.ticket_id)), ...source.filled.map(Number)])];
  const stillMissing = await gapsIn(helpdesk, [...gaps, { lo: state.last_event_id + 1, hi: last }], last);
  const spans = await foldOnReplica(helpdesk, { ids }, last);
  await onStore(
    store.transaction().execute(async (trx) => {
      // One writer at a time; a catch-up that waited finds the work done when another got further.
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const now = await readState(trx);
      if (!now || now.last_event_id > last) return;
      if (now.last_event_id === last && !sameGaps(now.gaps, gaps)) return;
      const theirs = sql<QueueSpanRow>`(SELECT * FROM ${sql.table(SPANS)} WHERE ticket_id = ANY(${ids}::bigint[]))`;
      // The depth marks change by the new spans' edges less the old ones' (mostly nothing but the last few).
      await sql`CREATE TEMP TABLE history_net (queue_id int, at timestamptz, d int) ON COMMIT DROP`.execute(trx);
      await sql`INSERT INTO history_net SELECT x.queue_id, x.at, -x.d FROM ${depthEdges(theirs)} x`.execute(trx);
      await sql`DELETE FROM ${sql.table(SPANS)} WHERE ticket_id = ANY(${ids}::bigint[])`.execute(trx);
      await insertSpans(trx, SPANS, spans);
      await sql`INSERT INTO history_net SELECT x.queue_id, x.at, x.d FROM ${depthEdges(theirs)} x`.execute(trx);
      await applyDepthChanges(trx);
      await sql`UPDATE ${sql.table(STATE)} SET last_event_id = ${last}, caught_up_at = now()`.execute(trx);
      await replaceGaps(trx, stillMissing);
    }),
  );
  return { ready: true };
}

/**
 * The ids missing from ticket_events in `ranges` (inclusive, disjoint), as ranges, in the caller's
 * snapshot: the ranges' parts between the ids present. Only the GAP_SPAN ids below `last`, and at most
 * MAX_GAPS ranges, the newest.
 */
async function gapsIn(db: Kysely<Helpdesk>, ranges: readonly Gap[], last: number): Promise<Gap[]> {
  const floor = Math.max(1, last - GAP_SPAN + 1);
  const kept = ranges
    .filter((r) => r.hi >= floor && r.hi >= r.lo)
    .map((r) => ({ lo: Math.max(r.lo, floor), hi: r.hi }));
  if (kept.length === 0) return [];
  const { rows } = await sql<{ lo: string; hi: string }>`
    WITH r AS (SELECT * FROM unnest(${kept.map((r) => r.lo)}::int8[], ${kept.map((r) => r.hi)}::int8[]) r(lo, hi)),
    p AS (
      SELECT r.lo, r.hi, e.id, lag(e.id) OVER (PARTITION BY r.lo ORDER BY e.id) AS prev
      FROM r JOIN ticket_events e ON e.id BETWEEN r.lo AND r.hi
    )
    SELECT coalesce(prev, lo - 1) + 1 AS lo, id - 1 AS hi FROM p WHERE id > coalesce(prev, lo - 1) + 1
    UNION ALL
    SELECT max(id) + 1, hi FROM p GROUP BY lo, hi HAVING max(id) < hi
    UNION ALL
    SELECT lo, hi FROM r WHERE NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.id BETWEEN r.lo AND r.hi)
    ORDER BY 1 DESC
    LIMIT ${MAX_GAPS}`.execute(db);
  return rows.map((r) => ({ lo: Number(r.lo), hi: Number(r.hi) })).reverse();
}

const sameGaps = (a: readonly Gap[], b: readonly Gap[]) =>
  a.length === b.length && a.every((g, i) => g.lo === b[i]?.lo && g.hi === b[i]?.hi);

/**
 * Adds the net edges in history_net to the depth marks: a mark (queue, at)
 * is made where a change falls and none is (holding the depth just before),
 * then every mark of the queue from the change on moves by the changes up to
 * it (each mark joins the one run of changes in force at it).
 */
async function applyDepthChanges(trx: Kysely<StoreDb>): Promise<void> {
  const net = sql`(SELECT queue_id, at, sum(d)::int AS d FROM history_net GROUP BY queue_id, at HAVING sum(d) <> 0)`;
  await sql`
    INSERT INTO ${sql.table(DEPTH)} (queue_id, at, depth)
    SELECT n.queue_id, n.at,
           coalesce((SELECT m.depth FROM ${sql.table(DEPTH)} m WHERE m.queue_id = n.queue_id AND m.at < n.at
                     ORDER BY m.at DESC LIMIT 1), 0)
    FROM ${net} n
    ON CONFLICT (queue_id, at) DO NOTHING`.execute(trx);
  await sql`
    WITH runs AS (
      SELECT n.queue_id, n.at, sum(n.d) OVER w AS d, lead(n.at) OVER w AS until
      FROM ${net} n
      WINDOW w AS (PARTITION BY n.queue_id ORDER BY n.at)
    )
    UPDATE ${sql.table(DEPTH)} m SET depth = m.depth + r.d
    FROM runs r
    WHERE m.queue_id = r.queue_id AND m.at >= r.at AND (r.until IS NULL OR m.at < r.until)`.execute(trx);
}

/** Our own database failed: the report reads the replica instead of failing. */
export class StoreUnavailable extends Error {
  override name = "StoreUnavailable";
}

async function onStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new StoreUnavailable(`our own database failed (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Keys of the advisory locks that serialize writers to the index (catch-ups) and builders (version 3 on: an index of version 2 may be built beside it). */
const LOCK_KEY = 7_406_011;
const BUILD_LOCK_KEY = 7_406_012;

async function readState(store: Kysely<StoreDb>) {
  try {
    // One round trip: the state and its gaps.
    const { rows } = await sql<StoreDb["history_index_state"] & { gap_lo: string[]; gap_hi: string[] }>`
      SELECT s.*, ARRAY(SELECT g.lo FROM ${sql.table(GAPS)} g ORDER BY g.lo) AS gap_lo,
                  ARRAY(SELECT g.hi FROM ${sql.table(GAPS)} g ORDER BY g.lo) AS gap_hi
      FROM ${sql.table(STATE)} s`.execute(store);
    const row = rows[0];
    if (!row) return null;
    const { gap_lo, gap_hi, ...state } = row;
    return {
      ...state,
      last_event_id: Number(state.last_event_id),
      gaps: gap_lo.map((lo, i) => ({ lo: Number(lo), hi: Number(gap_hi[i]) })),
    };
  } catch (error) {
    // No state table yet: never built.
    if ((error as { code?: string }).code === "42P01") return null;
    throw error;
  }
}

/** A span as the fold on the replica returns it to be stored: instants as exact text (microseconds and all). */
interface StoredSpan {
  ticket_id: number;
  lower: string;
  upper: string | null;
  status: string;
  queue_id: number | null;
  assignee_id: number | null;
  priority: number | null;
  status_since: string;
  created_at: string;
}

/**
 * The fold (queueSpans) of some tickets' events up to event id `last`, run on
 * the replica. Instants travel as text: a JavaScript Date would round them to
 * the millisecond, and an instant exactly on an event must count the event.
 */
async function foldOnReplica(db: Kysely<Helpdesk>, tickets: SpanTickets, last: number): Promise<StoredSpan[]> {
  const { rows } = await sql<StoredSpan>`
    SELECT s.ticket_id, lower(s.during)::text AS lower, upper(s.during)::text AS upper, s.status, s.queue_id,
           s.assignee_id, s.priority, s.status_since::text AS status_since, s.created_at::text AS created_at
    FROM ${queueSpans(tickets, last)} s`.execute(db);
  return rows;
}

async function insertSpans(store: Kysely<StoreDb>, table: string, spans: readonly StoredSpan[]): Promise<number> {
  for (let i = 0; i < spans.length; i += INSERT_BATCH) {
    const batch = spans.slice(i, i + INSERT_BATCH);
    const col = <K extends keyof StoredSpan>(k: K) => batch.map((s) => s[k]);
    await sql`
      INSERT INTO ${sql.table(table)} (ticket_id, during, status, queue_id, assignee_id, priority, status_since, created_at)
      SELECT t, tstzrange(f, u, '[)'), s, q, a, p, ss, c
      FROM unnest(${col("ticket_id")}::bigint[], ${col("lower")}::timestamptz[], ${col("upper")}::timestamptz[],
                  ${col("status")}::text[], ${col("queue_id")}::int[], ${col("assignee_id")}::int[],
                  ${col("priority")}::int[], ${col("status_since")}::timestamptz[], ${col("created_at")}::timestamptz[])
        AS x(t, f, u, s, q, a, p, ss, c)`.execute(store);
  }
  return spans.length;
}

/** The index is being built by another process (it holds the build lock): not a failure, the reads wait for it. */
export class BuildElsewhere extends Error {
  override name = "BuildElsewhere";
  constructor() {
    super("another Lookback process is building the history index");
  }
}

/** One build at a time per process, started in the background; its failure is logged and retried by the next read. */
const building = processWide("history-build", () => ({ running: undefined as Promise<unknown> | undefined }));

/**
 * A read found the index missing or too far behind: build it. Under
 * Lookback's server only the process that runs the job engine builds (its
 * `history-index` job runs every minute, and runs now: the job is asked
 * for); the other workers read the replica meanwhile. A lone process (the
 * tests, `next dev`) builds itself.
 */
function startBuild(reason: "not built" | "rebuilding"): Readiness {
  const worker = process.env.LOOKBACK_WORKER_INDEX;
  if (worker !== undefined && worker !== "0") {
    addJob("history-index", {}, { jobKey: "history-index" }).catch((error: unknown) =>
      log.warn({ err: errorMessage(error) }, "history index: could not ask the job engine for a build"),
    );
  } else ensureHistoryBuilding();
  return { ready: false, reason };
}

export function ensureHistoryBuilding(onProgress?: (message: string) => void): Promise<unknown> | undefined {
  if (!storeDb()) return undefined;
  building.running ??= buildHistory(onProgress)
    .then((r) => log.info({ ...r }, "history index: built"))
    .catch((error: unknown) => {
      // Several servers (or a server's workers) may start one at once; one holds the lock and builds.
      if (error instanceof BuildElsewhere) log.info("history index: another Lookback process is building it");
      else log.error({ err: errorMessage(error) }, "history index: build failed");
    })
    .finally(() => {
      building.running = undefined;
    });
  return building.running;
}

/** The build this process runs in the background, if any (it never rejects): tests let it end before pointing Lookback elsewhere. */
export function historyBuildInFlight(): Promise<unknown> | undefined {
  return building.running;
}

/**
 * At server start: build the index in the background unless ours is already
 * of this version and for this helpdesk database (catching up is left to the
 * first read). Never throws: the queue reports work without it.
 */
export async function prepareHistory(onProgress?: (message: string) => void): Promise<void> {
  const store = storeDb<StoreDb>();
  if (!store) return;
  try {
    await ensureStateTable(store);
    const state = await readState(store);
    const source = await readOnly<Helpdesk, string>("helpdesk", { label: "history" }, async ({ db }) => {
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(db);
      return (rows[0] as { db: string }).db;
    });
    if (state && state.version === VERSION && state.source_database === source) return;
    onProgress?.("history index: building it from ticket_events (queue reports read the replica meanwhile)…");
    await ensureHistoryBuilding(onProgress);
  } catch (error) {
    log.error({ err: errorMessage(error) }, "history index: not prepared");
  }
}

/**
 * One pass of catching the index up with the replica: safe to call from any
 * process at any time (writers serialize on a lock; a pass that finds the
 * work done does nothing). The job engine runs it every minute
 * (lib/jobs, task `history-index`).
 */
export async function catchUpHistory(): Promise<Readiness | null> {
  const store = storeDb<StoreDb>();
  if (!store) return null;
  return readOnly<Helpdesk, Readiness>("helpdesk", { label: "history" }, ({ db }) => catchUp(db, store));
}
