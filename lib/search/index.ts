import "server-only";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { readOnly } from "../db/read-only";
import { storeDb } from "../db/store";
import type { Helpdesk } from "../db/types";
import { searchQuery, searchVector } from "../sql/helpdesk/text-search";

/**
 * Lookback's own copy of the search index, for helpdesks whose primary does
 * not have the recommended GIN indexes (sql/indexes/helpdesk/ticket-search.sql):
 * each comment's and each subject's search vector (computed on the replica,
 * with the same expression as those indexes), with the few facts a search
 * filters by that never change (date, visibility, author, customer), under a
 * GIN index. It only proposes candidates: the report then reads the rows,
 * checks the match again and ranks it on the replica, with the same SQL as
 * when the replica has the index, and also reads every comment and ticket
 * newer than the copy, so an answer never depends on how far behind it is.
 *
 * Caught up by catchUpSearchIndex(): one pass, idempotent, safe to run from
 * any number of processes at once (rows are keyed; a second writer's rows
 * are skipped). The job engine runs it on a schedule.
 */

/** Bump when the tables' shape or meaning changes: a copy of another version is dropped and rebuilt. */
const VERSION = 1;
/** Rows read from the replica per statement: bounded statements a standby may cancel without losing the rest. */
const BATCH = 50_000;
/** Ids below the mark read again each pass: a row whose transaction committed after a later id was seen still comes in. */
const OVERLAP = 1_000;
const BATCH_STATEMENT_MS = 120_000;

export interface SearchStoreDb {
  search_index_state: {
    id: boolean;
    version: number;
    source_database: string;
    last_comment_id: number;
    last_ticket_id: number;
    caught_up_at: Date;
  };
}

export interface SearchIndexState {
  last_comment_id: number;
  last_ticket_id: number;
}

async function ensureTables(store: Kysely<SearchStoreDb>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS search_index_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      version int NOT NULL,
      source_database text NOT NULL,
      last_comment_id bigint NOT NULL,
      last_ticket_id bigint NOT NULL,
      caught_up_at timestamptz NOT NULL
    );
    CREATE TABLE IF NOT EXISTS search_comments (
      comment_id bigint PRIMARY KEY,
      ticket_id bigint NOT NULL,
      created_at timestamptz NOT NULL,
      visibility text NOT NULL,
      author_id int,
      customer_id int NOT NULL,
      tsv tsvector NOT NULL
    );
    CREATE TABLE IF NOT EXISTS search_subjects (
      ticket_id bigint PRIMARY KEY,
      created_at timestamptz NOT NULL,
      customer_id int NOT NULL,
      tsv tsvector NOT NULL
    );`.execute(store);
}

/** The GIN indexes the searches read; a no-op when they exist (they are missing only after a first build's load). */
async function indexTables(store: Kysely<SearchStoreDb>): Promise<void> {
  // Indexing millions of vectors takes minutes (13 at twelve million comments): past any report's statement timeout.
  await store.transaction().execute(async (trx) => {
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await sql`
      CREATE INDEX IF NOT EXISTS search_comments_tsv ON search_comments USING gin (tsv);
      CREATE INDEX IF NOT EXISTS search_subjects_tsv ON search_subjects USING gin (tsv);`.execute(trx);
  });
}

/** The copy's state when it can serve `database` (the replica's current_database()); null when it cannot. */
export async function searchIndexState<DB>(store: Kysely<DB>, database: string): Promise<SearchIndexState | null> {
  const { rows } = await sql<{ version: number; source_database: string } & SearchIndexState>`
    SELECT version, source_database, last_comment_id::float8 AS last_comment_id, last_ticket_id::float8 AS last_ticket_id
    FROM search_index_state`
    .execute(store)
    .catch((error: { code?: string }) => {
      if (error.code === "42P01") return { rows: [] }; // never caught up: no table yet
      throw error;
    });
  const state = rows[0];
  if (!state || state.version !== VERSION || state.source_database !== database) return null;
  return { last_comment_id: state.last_comment_id, last_ticket_id: state.last_ticket_id };
}

/** The names of the recommended indexes (sql/indexes/helpdesk/ticket-search.sql): both present, or our copy is needed. */
export const REPLICA_INDEXES = ["ticket_comments_body_search", "tickets_subject_search"];

/** The replica's database name, and whether it has both recommended indexes (pg_indexes, in its current schema). */
export async function replicaSearchIndexes<DB>(helpdesk: Kysely<DB>): Promise<{ database: string; indexed: boolean }> {
  const { rows } = await sql<{ db: string; indexes: number }>`
    SELECT current_database() AS db,
           (SELECT count(*)::int FROM pg_indexes
            WHERE schemaname = current_schema() AND indexname = ANY(${REPLICA_INDEXES}::text[])) AS indexes`.execute(
    helpdesk,
  );
  const found = rows[0] as { db: string; indexes: number };
  return { database: found.db, indexed: found.indexes === REPLICA_INDEXES.length };
}

/**
 * The job engine's pass (task "search-index"): looks at the replica's
 * indexes each time, and catches our copy up only when the replica lacks
 * them (then the search report reads the copy); with them, it does nothing
 * and keeps no copy. Null when it did nothing.
 */
export async function maintainSearchIndex(onProgress?: (message: string) => void): Promise<CatchUpResult | null> {
  const { indexed } = await readOnly<Helpdesk, { indexed: boolean }>("helpdesk", { label: "search-index" }, ({ db }) =>
    replicaSearchIndexes(db),
  );
  return indexed ? null : catchUpSearchIndex(onProgress);
}

export interface CatchUpResult {
  comments: number;
  tickets: number;
  lastCommentId: number;
  lastTicketId: number;
  seconds: number;
}

/**
 * Brings Lookback's copy of the search index up to the helpdesk replica:
 * every comment and ticket with an id above the copy's marks (less a small
 * overlap), in batches. The first run builds the whole copy. Throws when
 * there is no database of our own.
 */
export async function catchUpSearchIndex(onProgress?: (message: string) => void): Promise<CatchUpResult> {
  const store = storeDb<SearchStoreDb>();
  if (!store)
    throw new Error("LOOKBACK_DATABASE_URL is not set: there is no database of our own to keep a search index in");
  const started = performance.now();
  await ensureTables(store);
  const database = await readOnly<Helpdesk, string>("helpdesk", { label: "search-index" }, async ({ db }) => {
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(db);
    return (rows[0] as { db: string }).db;
  });
  let state = await searchIndexState(store, database);
  if (!state) {
    // Another version, or another helpdesk: start over.
    // A first build loads the tables bare and indexes them at the end: several times faster than GIN inserts.
    await sql`TRUNCATE search_comments, search_subjects; DELETE FROM search_index_state;
      DROP INDEX IF EXISTS search_comments_tsv; DROP INDEX IF EXISTS search_subjects_tsv`.execute(store);
    await sql`INSERT INTO search_index_state VALUES (true, ${VERSION}, ${database}, 0, 0, now())`.execute(store);
    state = { last_comment_id: 0, last_ticket_id: 0 };
  }
  let comments = 0;
  let tickets = 0;
  let lastComment = state.last_comment_id;
  for (let after = Math.max(0, lastComment - OVERLAP); ; ) {
    const batch = await readBatch(sql<BatchRow>`
      SELECT c.id, c.ticket_id, c.created_at, c.visibility, c.author_id,
             (SELECT t.customer_id FROM tickets t WHERE t.id = c.ticket_id) AS customer_id,
             ${searchVector(sql.ref("c.body"))}::text AS tsv
      FROM ticket_comments c
      WHERE c.id > ${after} ORDER BY c.id LIMIT ${BATCH}`);
    if (batch.length === 0) break;
    await sql`
      INSERT INTO search_comments (comment_id, ticket_id, created_at, visibility, author_id, customer_id, tsv)
      SELECT * FROM unnest(${batch.map((r) => r.id)}::int8[], ${batch.map((r) => r.ticket_id)}::int8[],
        ${batch.map((r) => r.created_at)}::timestamptz[], ${batch.map((r) => r.visibility)}::text[],
        ${batch.map((r) => r.author_id)}::int[], ${batch.map((r) => r.customer_id)}::int[], ${batch.map((r) => r.tsv)}::tsvector[])
      ON CONFLICT (comment_id) DO NOTHING`.execute(store);
    comments += batch.length;
    after = Number((batch.at(-1) as BatchRow).id);
    lastComment = Math.max(lastComment, after);
    await sql`UPDATE search_index_state SET last_comment_id = greatest(last_comment_id, ${lastComment}), caught_up_at = now()`.execute(
      store,
    );
    onProgress?.(`search index: comments up to id ${after}`);
    if (batch.length < BATCH) break;
  }
  let lastTicket = state.last_ticket_id;
  for (let after = Math.max(0, lastTicket - OVERLAP); ; ) {
    const batch = await readBatch(sql<BatchRow>`
      SELECT t.id, t.id AS ticket_id, t.created_at, 'public' AS visibility, NULL::int AS author_id, t.customer_id,
             ${searchVector(sql.ref("t.subject"))}::text AS tsv
      FROM tickets t WHERE t.id > ${after} ORDER BY t.id LIMIT ${BATCH}`);
    if (batch.length === 0) break;
    await sql`
      INSERT INTO search_subjects (ticket_id, created_at, customer_id, tsv)
      SELECT * FROM unnest(${batch.map((r) => r.id)}::int8[], ${batch.map((r) => r.created_at)}::timestamptz[],
        ${batch.map((r) => r.customer_id)}::int[], ${batch.map((r) => r.tsv)}::tsvector[])
      ON CONFLICT (ticket_id) DO NOTHING`.execute(store);
    tickets += batch.length;
    after = Number((batch.at(-1) as BatchRow).id);
    lastTicket = Math.max(lastTicket, after);
    await sql`UPDATE search_index_state SET last_ticket_id = greatest(last_ticket_id, ${lastTicket}), caught_up_at = now()`.execute(
      store,
    );
    onProgress?.(`search index: tickets up to id ${after}`);
    if (batch.length < BATCH) break;
  }
  await indexTables(store);
  return {
    comments,
    tickets,
    lastCommentId: lastComment,
    lastTicketId: lastTicket,
    seconds: (performance.now() - started) / 1000,
  };
}

interface BatchRow {
  id: number;
  ticket_id: number;
  created_at: Date;
  visibility: string;
  author_id: number | null;
  customer_id: number;
  tsv: string;
}

function readBatch(query: RawBuilder<BatchRow>): Promise<BatchRow[]> {
  return readOnly<Helpdesk, BatchRow[]>(
    "helpdesk",
    { label: "search-index", timeoutMs: BATCH_STATEMENT_MS },
    async ({ db }) => (await query.execute(db)).rows,
  );
}

/** What the copy can filter by itself; the rest (the ticket's current queue and assignee) is left to the replica. */
export interface StoreFilters {
  q: string;
  start?: Date;
  end?: Date;
  customer?: number;
  /** Comments written by this tech. */
  author?: number;
  visibility: "any" | "public" | "internal";
}

/** The comment ids and ticket ids (subjects) whose vectors match, from the copy's GIN indexes. */
export async function storeCandidates<DB>(
  store: Kysely<DB>,
  f: StoreFilters,
): Promise<{ comments: string[]; subjects: string[] }> {
  const inRange = (column: string) =>
    sql`${f.start ? sql`AND ${sql.ref(column)} >= ${f.start}` : sql``} ${f.end ? sql`AND ${sql.ref(column)} < ${f.end}` : sql``}`;
  const customer = f.customer === undefined ? sql`` : sql`AND customer_id = ${f.customer}`;
  const [comments, subjects] = await Promise.all([
    sql<{ ids: string[] | null }>`
      SELECT array_agg(comment_id) AS ids FROM search_comments
      WHERE tsv @@ ${searchQuery(f.q)} ${inRange("created_at")} ${customer}
        ${f.visibility === "any" ? sql`` : sql`AND visibility = ${f.visibility}`}
        ${f.author === undefined ? sql`` : sql`AND author_id = ${f.author}`}`.execute(store),
    // A subject is public, and has no author.
    f.visibility === "internal"
      ? Promise.resolve({ rows: [{ ids: [] }] })
      : sql<{ ids: string[] | null }>`
      SELECT array_agg(ticket_id) AS ids FROM search_subjects
      WHERE tsv @@ ${searchQuery(f.q)} ${inRange("created_at")} ${customer}`.execute(store),
  ]);
  return { comments: comments.rows[0]?.ids ?? [], subjects: subjects.rows[0]?.ids ?? [] };
}
