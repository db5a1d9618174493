import { type Kysely, sql } from "kysely";
import { readOnly } from "../db/read-only";
import { storeDb } from "../db/store";
import type { Helpdesk } from "../db/types";
import { processWide } from "../process-wide";
import { createBuildingTable, ensureStateTable, publishBuilt, SPANS, type StoreDb, VERSION } from "./schema";
import { type QueueSpan, queueSpans, type SourceEvent } from "./spans";

/**
 * Keeping the history index in step with the helpdesk's ticket_events.
 *
 * Build: every ticket's events, read from the replica in chunks of about
 * CHUNK_EVENTS events cut between tickets (bounded statements, each its own
 * read-only transaction, so a standby can cancel one without losing the
 * rest; sparse ticket ids cost nothing), folded into spans (spans.ts) and
 * written to a new table that replaces the old one only when complete.
 * Events up to the highest event id seen at the start are in it.
 *
 * Catch-up, before every read: events with a greater id than the index
 * holds (the contract: ids grow with `at`) name the tickets to fold again,
 * from all of their events. A margin of CATCH_UP_OVERLAP ids below the mark
 * is read again each time, so an event whose transaction committed after a
 * later id was already seen is still picked up.
 */
/** Events per build statement (whole tickets: a chunk ends where a ticket begins). */
const CHUNK_EVENTS = 250_000;
const INSERT_BATCH = 5_000;
export const CATCH_UP_OVERLAP = 1_000;
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
    if (!rows[0]?.got) throw new Error("another Lookback process is building the history index");
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
  const bounds = await readOnly<Helpdesk, { db: string; last: number | null; lo: number | null; hi: number | null }>(
    "helpdesk",
    { label: "history-build" },
    async ({ db }) => {
      const { rows } = await sql<{ db: string; last: number | null; lo: number | null; hi: number | null }>`
        SELECT current_database() AS db, (SELECT max(id) FROM ticket_events) AS last,
               (SELECT min(ticket_id) FROM ticket_events) AS lo, (SELECT max(ticket_id) FROM ticket_events) AS hi`.execute(
        db,
      );
      return rows[0] as { db: string; last: number | null; lo: number | null; hi: number | null };
    },
  );
  const table = await createBuildingTable(store);
  const lastEventId = bounds.last ?? 0;
  let events = 0;
  let spans = 0;
  let tickets = 0;
  // Each chunk: the tickets from `lo` up to (not including) the ticket of the chunkEvents-th event after it.
  for (let lo = bounds.lo; lo !== null; ) {
    const from = lo;
    const [chunk, next] = await readOnly<Helpdesk, [SourceEvent[], number | null]>(
      "helpdesk",
      { label: "history-build", timeoutMs: BUILD_STATEMENT_MS },
      async ({ db }) => {
        const { rows } = await sql<{ ticket_id: number }>`
          SELECT e.ticket_id FROM ticket_events e WHERE e.ticket_id >= ${from}
          ORDER BY e.ticket_id, e.at OFFSET ${chunkEvents} LIMIT 1`.execute(db);
        // One ticket with more events than a chunk is a chunk of its own.
        const bound = rows[0] ? Math.max(rows[0].ticket_id, from + 1) : null;
        const upTo = bound === null ? sql`` : sql`AND e.ticket_id < ${bound}`;
        return [await eventsOf(db, sql`e.ticket_id >= ${from} ${upTo}`, lastEventId), bound];
      },
    );
    events += chunk.length;
    tickets += new Set(chunk.map((e) => e.ticket_id)).size;
    spans += await insertSpans(store, table, queueSpans(chunk));
    onProgress?.(`history index: ${events.toLocaleString("en")} events of tickets up to ${next ?? bounds.hi}`);
    lo = next;
  }
  await publishBuilt(store, { sourceDatabase: bounds.db, lastEventId });
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
  const { rows } = await sql<{ db: string; last: number | null }>`
    SELECT current_database() AS db, (SELECT max(id) FROM ticket_events) AS last`.execute(helpdesk);
  const source = rows[0] as { db: string; last: number | null };
  if (!state || state.version !== VERSION || state.source_database !== source.db) return startBuild("not built");
  const last = source.last ?? 0;
  // Our snapshot may be older than the last catch-up's: the index already holds all it could see.
  if (last <= state.last_event_id) return { ready: true };
  const changed = await sql<{ ticket_id: number }>`
    SELECT DISTINCT e.ticket_id FROM ticket_events e
    WHERE e.id > ${state.last_event_id - CATCH_UP_OVERLAP} AND e.id <= ${last}
    LIMIT ${CATCH_UP_MAX_TICKETS + 1}`.execute(helpdesk);
  if (changed.rows.length > CATCH_UP_MAX_TICKETS) return startBuild("rebuilding");
  const ids = changed.rows.map((r) => r.ticket_id);
  const events = await eventsOf(helpdesk, sql`e.ticket_id = ANY(${ids}::bigint[])`, last);
  await onStore(
    store.transaction().execute(async (trx) => {
      // One writer at a time; a catch-up that waited finds the work done when another got further.
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const now = await readState(trx);
      if (!now || now.last_event_id >= last) return;
      await sql`DELETE FROM ${sql.table(SPANS)} WHERE ticket_id = ANY(${ids}::bigint[])`.execute(trx);
      await insertSpans(trx, SPANS, queueSpans(events));
      await sql`UPDATE history_state SET last_event_id = ${last}, caught_up_at = now()`.execute(trx);
    }),
  );
  return { ready: true };
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

/** Keys of the advisory locks that serialize writers to the index (catch-ups) and builders. */
const LOCK_KEY = 7_406_001;
const BUILD_LOCK_KEY = 7_406_002;

async function readState(store: Kysely<StoreDb>) {
  try {
    return (await store.selectFrom("history_state").selectAll().executeTakeFirst()) ?? null;
  } catch (error) {
    // No state table yet: never built.
    if ((error as { code?: string }).code === "42P01") return null;
    throw error;
  }
}

/** The events of some tickets up to event id `last`, in the definition's order, `at` as exact text. */
async function eventsOf(db: Kysely<Helpdesk>, which: ReturnType<typeof sql>, last: number): Promise<SourceEvent[]> {
  const { rows } = await sql<SourceEvent>`
    SELECT e.ticket_id, e.at::text AS at, e.id, e.field, e.new_value
    FROM ticket_events e
    WHERE ${which} AND e.id <= ${last}
    ORDER BY e.ticket_id, e.at, e.id`.execute(db);
  return rows;
}

async function insertSpans(store: Kysely<StoreDb>, table: string, spans: Iterable<QueueSpan>): Promise<number> {
  let batch: QueueSpan[] = [];
  let n = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const col = <K extends keyof QueueSpan>(k: K) => batch.map((s) => s[k]);
    await sql`
      INSERT INTO ${sql.table(table)} (ticket_id, during, status, queue_id, assignee_id, priority, status_since, created_at)
      SELECT t, tstzrange(f, u, '[)'), s, q, a, p, ss, c
      FROM unnest(${col("ticket_id")}::bigint[], ${col("from")}::timestamptz[], ${col("to")}::timestamptz[],
                  ${col("status")}::text[], ${col("queue_id")}::int[], ${col("assignee_id")}::int[],
                  ${col("priority")}::int[], ${col("status_since")}::timestamptz[], ${col("created_at")}::timestamptz[])
        AS x(t, f, u, s, q, a, p, ss, c)`.execute(store);
    n += batch.length;
    batch = [];
  };
  for (const span of spans) {
    batch.push(span);
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
  return n;
}

/** One build at a time per process, started in the background; its failure is logged and retried by the next read. */
const building = processWide("history-build", () => ({ running: undefined as Promise<unknown> | undefined }));

function startBuild(reason: "not built" | "rebuilding"): Readiness {
  ensureHistoryBuilding();
  return { ready: false, reason };
}

export function ensureHistoryBuilding(onProgress?: (message: string) => void): Promise<unknown> | undefined {
  if (!storeDb()) return undefined;
  building.running ??= buildHistory(onProgress)
    .then((r) =>
      console.log(
        `history index: built from ${r.events.toLocaleString("en")} events of ${r.tickets.toLocaleString("en")} tickets ` +
          `(${r.spans.toLocaleString("en")} spans) in ${r.seconds.toFixed(1)} s`,
      ),
    )
    .catch((error: unknown) => {
      console.error(`history index: build failed: ${error instanceof Error ? error.message : String(error)}`);
    })
    .finally(() => {
      building.running = undefined;
    });
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
    console.error(`history index: not prepared: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How often the server catches the index up on its own, so a report after a quiet hour finds little to do. */
export const REFRESH_MS = 30_000;

/** Catches the index up every REFRESH_MS in the background (server.ts); never keeps the process alive. */
export function keepHistoryFresh(): void {
  const store = storeDb<StoreDb>();
  if (!store) return;
  const timer = setInterval(() => {
    void readOnly<Helpdesk, Readiness>("helpdesk", { label: "history" }, ({ db }) => catchUp(db, store)).catch(
      (error: unknown) =>
        console.warn(`history index: catching up failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, REFRESH_MS);
  timer.unref();
}
