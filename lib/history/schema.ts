import "server-only";
import { type Kysely, sql } from "kysely";
import { depthMarks, type QueueSpanRow, type Spans } from "../sql/helpdesk/queue-spans";

/**
 * The history index's tables in Lookback's own database. Bump VERSION when
 * their shape or meaning changes: a stored index of another version is
 * rebuilt, never read. (Version 3 moved to new table names: an index of
 * version 2, folded in TypeScript, may still sit beside it as queue_spans and
 * history_state; nothing reads those any more.)
 */
export const VERSION = 4; // 4: the gaps table (late commits below the mark)

/** Our own database's tables, for Kysely's types. */
export interface StoreDb {
  history_index_state: {
    id: boolean;
    version: number;
    source_database: string;
    last_event_id: number;
    built_at: Date;
    caught_up_at: Date;
  };
  history_index_gaps: { lo: number; hi: number };
}

export const STATE = "history_index_state";
/**
 * Event ids below the mark that were missing when last looked (inclusive ranges): ids taken by
 * transactions that had not committed yet (or rolled back). One that commits later fills its gap, and
 * the catch-up that finds it folds its ticket again, however far below the mark it is.
 */
export const GAPS = "history_index_gaps";
/** The spans (lib/sql/helpdesk/queue-spans.ts: queueSpans), as the fold on the replica returned them. */
export const SPANS = "history_spans";
/** The depth marks of those spans (depthMarks), kept in step with them. */
export const DEPTH = "history_depth";
const BUILDING = "history_spans_building";
const DEPTH_BUILDING = "history_depth_building";

/** The stored spans, as a relation the queries over spans read. */
export const storedSpans: Spans = sql<QueueSpanRow>`${sql.table(SPANS)}`;

export async function ensureStateTable(store: Kysely<StoreDb>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS ${sql.table(STATE)} (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version int NOT NULL,
      source_database text NOT NULL,
      last_event_id bigint NOT NULL,
      built_at timestamptz NOT NULL,
      caught_up_at timestamptz NOT NULL
    )`.execute(store);
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(GAPS)} (lo bigint NOT NULL, hi bigint NOT NULL)`.execute(store);
}

/** Replaces the recorded gaps (inside the writer's transaction). */
export async function replaceGaps(trx: Kysely<StoreDb>, gaps: readonly Gap[]): Promise<void> {
  await sql`DELETE FROM ${sql.table(GAPS)}`.execute(trx);
  if (gaps.length === 0) return;
  await sql`
    INSERT INTO ${sql.table(GAPS)} (lo, hi)
    SELECT * FROM unnest(${gaps.map((g) => g.lo)}::int8[], ${gaps.map((g) => g.hi)}::int8[])`.execute(trx);
}

/** An inclusive range of event ids. */
export interface Gap {
  lo: number;
  hi: number;
}

/** A fresh table to build into, beside the one being read (columns: QueueSpanRow). */
export async function createBuildingTable(store: Kysely<StoreDb>): Promise<string> {
  await sql`DROP TABLE IF EXISTS ${sql.table(BUILDING)}`.execute(store);
  await sql`
    CREATE TABLE ${sql.table(BUILDING)} (
      ticket_id bigint NOT NULL,
      during tstzrange NOT NULL,
      status text NOT NULL,
      queue_id int,
      assignee_id int,
      priority smallint,
      status_since timestamptz NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(store);
  return BUILDING;
}

/**
 * Indexes the built spans and derives their depth marks, then puts both in
 * place of the old ones and records what they hold, in one transaction:
 * readers see the old index or the new one, never a half-built one. GiST on
 * `during` finds the spans that contain an instant (as of, changes); the
 * marks' primary key (queue_id, at) answers the depth of a queue at any
 * instant with one probe. Then VACUUM, so index-only scans need no table
 * visits from the start.
 */
export async function publishBuilt(
  store: Kysely<StoreDb>,
  state: { sourceDatabase: string; lastEventId: number; gaps: readonly Gap[] },
): Promise<void> {
  await store.transaction().execute(async (trx) => {
    // Minutes on a big history: the build is not a report, and the pool's statement timeout is for reports.
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    // Every column the reads return is in the index: as-of is an index-only scan, no table visits.
    await sql`
      CREATE INDEX ${sql.id(`${BUILDING}_during`)} ON ${sql.table(BUILDING)} USING gist (during)
      INCLUDE (ticket_id, queue_id, status, assignee_id, priority, status_since, created_at)`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${BUILDING}_ticket`)} ON ${sql.table(BUILDING)} (ticket_id)`.execute(trx);
    await sql`DROP TABLE IF EXISTS ${sql.table(DEPTH_BUILDING)}`.execute(trx);
    await sql`
      CREATE TABLE ${sql.table(DEPTH_BUILDING)} AS
      SELECT m.queue_id, m.at, m.depth FROM ${depthMarks(sql<QueueSpanRow>`${sql.table(BUILDING)}`)} m`.execute(trx);
    await sql`
      ALTER TABLE ${sql.table(DEPTH_BUILDING)} ADD CONSTRAINT ${sql.id(`${DEPTH_BUILDING}_pkey`)}
      PRIMARY KEY (queue_id, at) INCLUDE (depth)`.execute(trx);
    await sql`ANALYZE ${sql.table(BUILDING)}`.execute(trx);
    await sql`ANALYZE ${sql.table(DEPTH_BUILDING)}`.execute(trx);
  });
  await store.transaction().execute(async (trx) => {
    await sql`DROP TABLE IF EXISTS ${sql.table(SPANS)}`.execute(trx);
    await sql`DROP TABLE IF EXISTS ${sql.table(DEPTH)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(BUILDING)} RENAME TO ${sql.table(SPANS)}`.execute(trx);
    await sql`ALTER INDEX ${sql.id(`${BUILDING}_during`)} RENAME TO ${sql.id(`${SPANS}_during`)}`.execute(trx);
    await sql`ALTER INDEX ${sql.id(`${BUILDING}_ticket`)} RENAME TO ${sql.id(`${SPANS}_ticket`)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(DEPTH_BUILDING)} RENAME TO ${sql.table(DEPTH)}`.execute(trx);
    await sql`ALTER INDEX ${sql.id(`${DEPTH_BUILDING}_pkey`)} RENAME TO ${sql.id(`${DEPTH}_pkey`)}`.execute(trx);
    await sql`DELETE FROM ${sql.table(STATE)}`.execute(trx);
    await sql`
      INSERT INTO ${sql.table(STATE)} (version, source_database, last_event_id, built_at, caught_up_at)
      VALUES (${VERSION}, ${state.sourceDatabase}, ${state.lastEventId}, now(), now())`.execute(trx);
    await replaceGaps(trx, state.gaps);
  });
  await store.connection().execute(async (db) => {
    await sql`SET statement_timeout = 0`.execute(db);
    try {
      await sql`VACUUM ${sql.table(SPANS)}`.execute(db);
      await sql`VACUUM ${sql.table(DEPTH)}`.execute(db);
    } finally {
      await sql`RESET statement_timeout`.execute(db);
    }
  });
}
