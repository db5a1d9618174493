import "server-only";
import { type Kysely, sql } from "kysely";
import { processWide } from "../../process-wide";

/**
 * Whole tables the merge needs every row of (every customer's name and
 * account, every account's name: 54k and 43k rows at scale 36, 80–90 ms of
 * each run spent receiving and parsing them), kept in this process and read
 * again only when the table changed. Each run still asks the source for the
 * table's fingerprint, in its own snapshot: the row count and the sum over
 * rows of a 64-bit hash of the row (its fields' hashes, each seeded by its
 * column, XORed with a bit per null field), a few milliseconds without a
 * row sent (hashing each row's text form took 40–65 ms). Any change to a
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
  // Each field hashed with its column's seed, a null flagged by its column's bit, all of a row's XORed.
  const rowHash = sql.join(
    columns.map(
      (c, i) =>
        sql`hashtextextended(coalesce(${sql.ref(c)}::text, ''), ${i}) # ((${sql.ref(c)} IS NULL)::int4::int8 << ${i})`,
    ),
    sql` # `,
  );
  const { rows } = await sql<{ fingerprint: string }>`
    SELECT count(*)::text || '/' || coalesce(sum(${rowHash}), 0)::text AS fingerprint
    FROM ${sql.table(table)}`.execute(db);
  const fingerprint = `${table}(${columns.join(",")})/${rows[0]?.fingerprint}`;
  const kept = held.get(table);
  if (kept?.fingerprint === fingerprint) return kept.value as T;
  const read = await sql<Row>`SELECT ${refs} FROM ${sql.table(table)}`.execute(db);
  const value = build(read.rows);
  held.set(table, { fingerprint, value });
  return value;
}
