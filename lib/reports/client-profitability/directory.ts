import "server-only";
import { type Kysely, sql } from "kysely";
import { processWide } from "../../process-wide";

/**
 * Whole tables the merge needs every row of (every customer's name and
 * account, every account's name: 54k and 43k rows at scale 36, 80–90 ms of
 * each run spent receiving and parsing them), kept in this process and read
 * again only when the table changed. Each run still asks the source for the
 * table's fingerprint, in its own snapshot: the row count and the sum over
 * rows of a 64-bit hash of the row (hash_record_extended: its fields' hashes
 * in column order, PostgreSQL 14 and later), 10 ms for 54k customers without
 * a row sent (one hash per field and a bit per null: 16 ms; each row's text
 * form: 40–65 ms). Any change to a
 * row changes the fingerprint, so the rows used are the snapshot's, short
 * of a hash collision. Keyed by content, not by database: a second database
 * with the same rows shares them, one with other rows reads its own.
 */
const held = processWide("profitability-tables", () => new Map<string, { fingerprint: string; value: unknown }>());

export async function wholeTable<Row, T>(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
  build: (rows: Row[]) => T,
): Promise<T> {
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  const { rows } = await sql<{ fingerprint: string }>`
    SELECT count(*)::text || '/' || coalesce(sum(hash_record_extended(ROW(${refs}), 0)), 0)::text AS fingerprint
    FROM ${sql.table(table)}`.execute(db);
  const fingerprint = `${table}(${columns.join(",")})/${rows[0]?.fingerprint}`;
  const kept = held.get(table);
  if (kept?.fingerprint === fingerprint) return kept.value as T;
  const read = await sql<Row>`SELECT ${refs} FROM ${sql.table(table)}`.execute(db);
  const value = build(read.rows);
  held.set(table, { fingerprint, value });
  return value;
}
