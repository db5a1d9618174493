import { type Kysely, sql } from "kysely";

/**
 * The history index's tables in Lookback's own database. Bump VERSION when
 * their shape or meaning changes: a stored index of another version is
 * rebuilt, never read.
 */
export const VERSION = 2;

/** Our own database's tables, for Kysely's types. */
export interface StoreDb {
  history_state: {
    id: boolean;
    version: number;
    source_database: string;
    last_event_id: number;
    built_at: Date;
    caught_up_at: Date;
  };
}

export const SPANS = "queue_spans";
const BUILDING = "queue_spans_building";

export async function ensureStateTable(store: Kysely<StoreDb>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS history_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version int NOT NULL,
      source_database text NOT NULL,
      last_event_id bigint NOT NULL,
      built_at timestamptz NOT NULL,
      caught_up_at timestamptz NOT NULL
    )`.execute(store);
}

/** A fresh table to build into, beside the one being read (the columns are a QueueSpan, spans.ts). */
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
 * Indexes the built table, then puts it in place of the old one and records
 * what it holds, in one transaction: readers see the old index or the new
 * one, never a half-built one. GiST on `during` finds the spans that contain
 * an instant (as of) or overlap a window (depth) without reading the rest.
 * Then VACUUM, so that index-only scans need no table visits from the start.
 */
export async function publishBuilt(
  store: Kysely<StoreDb>,
  state: { sourceDatabase: string; lastEventId: number },
): Promise<void> {
  await store.transaction().execute(async (trx) => {
    // Minutes on a big history: the build is not a report, and the pool's statement timeout is for reports.
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    // Every column the reads return is in the index: as-of and depth are index-only scans, no table visits.
    await sql`
      CREATE INDEX ${sql.id(`${BUILDING}_during`)} ON ${sql.table(BUILDING)} USING gist (during)
      INCLUDE (ticket_id, queue_id, status, assignee_id, priority, status_since, created_at)`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${BUILDING}_ticket`)} ON ${sql.table(BUILDING)} (ticket_id)`.execute(trx);
    await sql`ANALYZE ${sql.table(BUILDING)}`.execute(trx);
  });
  await store.transaction().execute(async (trx) => {
    await sql`DROP TABLE IF EXISTS ${sql.table(SPANS)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(BUILDING)} RENAME TO ${sql.table(SPANS)}`.execute(trx);
    await sql`ALTER INDEX ${sql.id(`${BUILDING}_during`)} RENAME TO ${sql.id(`${SPANS}_during`)}`.execute(trx);
    await sql`ALTER INDEX ${sql.id(`${BUILDING}_ticket`)} RENAME TO ${sql.id(`${SPANS}_ticket`)}`.execute(trx);
    await sql`DELETE FROM history_state`.execute(trx);
    await sql`
      INSERT INTO history_state (version, source_database, last_event_id, built_at, caught_up_at)
      VALUES (${VERSION}, ${state.sourceDatabase}, ${state.lastEventId}, now(), now())`.execute(trx);
  });
  await store.connection().execute(async (db) => {
    await sql`SET statement_timeout = 0`.execute(db);
    try {
      await sql`VACUUM ${sql.table(SPANS)}`.execute(db);
    } finally {
      await sql`RESET statement_timeout`.execute(db);
    }
  });
}
