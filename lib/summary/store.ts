import "server-only";
import { type Kysely, sql } from "kysely";
import type { Source } from "../db/sources";
import type { Billing, Helpdesk } from "../db/types";
import type { Days } from "./months";

/**
 * Monthly summaries: per closed month, the sums a report would otherwise
 * compute from millions of source rows, kept in Lookback's own database
 * (LOOKBACK_DATABASE_URL) and recomputed from the replicas in the
 * background (refresh.ts). A report answers the whole months of a range from
 * them (or, where a summary keeps items whole, such as invoice lines, any
 * range) and reads only the rest from the replicas.
 *
 * A summarizer declares its tables (each row belongs to one reporting time
 * zone and one month; the two leading columns are added here) and computes
 * one month's rows from the sources it reads.
 */
export interface Summarizer {
  id: string;
  sources: readonly Source[];
  tables: readonly SummaryTable[];
  /** The first day with anything to summarize, or null when there is nothing. */
  firstDay(db: SourceDbs): Promise<string | null>;
  /** One month's rows, per table name; throwing leaves the month to the replicas. */
  compute(db: SourceDbs, month: Days, timeZone: string): Promise<Record<string, SummaryRow[]>>;
}

export interface SummaryTable {
  name: string;
  /** Column name → PostgreSQL type, in order. */
  columns: Record<string, string>;
  /** Indexes besides (time_zone, month): each a list of columns, after time_zone. */
  indexes?: readonly (readonly string[])[];
}

export type SummaryRow = Record<string, unknown>;

export interface SourceDbs {
  helpdesk: Kysely<Helpdesk>;
  billing: Kysely<Billing>;
}

/** Bumped when a table's shape or meaning changes: every summary is then dropped and computed again. */
export const VERSION = 3;

export async function ensureSchema(store: Kysely<unknown>, summarizers: readonly Summarizer[]): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS summary_schema (version int NOT NULL)`.execute(store);
  const { rows } = await sql<{ version: number }>`SELECT version FROM summary_schema`.execute(store);
  const tables = summarizers.flatMap((s) => s.tables);
  if (rows[0]?.version === VERSION) return;
  await store.transaction().execute(async (tx) => {
    for (const t of tables) await sql`DROP TABLE IF EXISTS ${sql.table(t.name)}`.execute(tx);
    await sql`DROP TABLE IF EXISTS summary_months`.execute(tx);
    await sql`
      CREATE TABLE summary_months (
        summary text NOT NULL, time_zone text NOT NULL, month date NOT NULL,
        computed_at timestamptz NOT NULL, seconds float8 NOT NULL,
        PRIMARY KEY (summary, time_zone, month))`.execute(tx);
    for (const t of tables) {
      const columns = Object.entries(t.columns).map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)}`);
      await sql`
        CREATE TABLE ${sql.table(t.name)} (time_zone text NOT NULL, month date NOT NULL, ${sql.join(columns)})`.execute(
        tx,
      );
      await sql`CREATE INDEX ${sql.ref(`${t.name}_month`)} ON ${sql.table(t.name)} (time_zone, month)`.execute(tx);
      for (const columns of t.indexes ?? []) {
        const name = sql.ref(`${t.name}_${columns.join("_")}`);
        await sql`CREATE INDEX ${name} ON ${sql.table(t.name)} (time_zone, ${sql.join(columns.map((c) => sql.ref(c)))})`.execute(
          tx,
        );
      }
    }
    await sql`DELETE FROM summary_schema`.execute(tx);
    await sql`INSERT INTO summary_schema VALUES (${VERSION})`.execute(tx);
  });
}

/** The months of one summary in one zone, each with the instant its computation began. */
export async function summarizedMonths(
  store: Kysely<unknown>,
  summary: string,
  timeZone: string,
): Promise<Map<string, Date>> {
  const { rows } = await sql<{ month: string; computed_at: Date }>`
    SELECT month, computed_at FROM summary_months WHERE summary = ${summary} AND time_zone = ${timeZone}`.execute(
    store,
  );
  return new Map(rows.map((r) => [r.month, r.computed_at]));
}

/** Replaces one month's rows of a summary, all tables at once; readers see the old month or the new one. */
export async function writeMonth(
  store: Kysely<unknown>,
  s: Summarizer,
  timeZone: string,
  month: string,
  rows: Record<string, SummaryRow[]>,
  computedAt: Date,
  seconds: number,
): Promise<void> {
  await store.transaction().execute(async (tx) => {
    for (const t of s.tables) {
      await sql`DELETE FROM ${sql.table(t.name)} WHERE time_zone = ${timeZone} AND month = ${month}::date`.execute(tx);
      const list = rows[t.name] ?? [];
      for (let i = 0; i < list.length; i += INSERT_BATCH)
        await insert(tx, t, timeZone, month, list.slice(i, i + INSERT_BATCH));
    }
    await sql`
      INSERT INTO summary_months (summary, time_zone, month, computed_at, seconds)
      VALUES (${s.id}, ${timeZone}, ${month}::date, ${computedAt}, ${seconds})
      ON CONFLICT (summary, time_zone, month) DO UPDATE SET computed_at = excluded.computed_at, seconds = excluded.seconds`.execute(
      tx,
    );
  });
}

/** Forgets one month (its computation failed): reports read it from the replicas and say why. */
export async function dropMonth(store: Kysely<unknown>, s: Summarizer, timeZone: string, month: string): Promise<void> {
  await sql`DELETE FROM summary_months WHERE summary = ${s.id} AND time_zone = ${timeZone} AND month = ${month}::date`.execute(
    store,
  );
}

const INSERT_BATCH = 20_000;

/** One INSERT of many rows: each column travels as one array. */
async function insert(
  tx: Kysely<unknown>,
  t: SummaryTable,
  timeZone: string,
  month: string,
  rows: SummaryRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(t.columns);
  // An array column travels as text array literals, one per row (unnest would flatten an array of arrays).
  const arrays = columns.map(([name, type]) =>
    type.endsWith("[]")
      ? sql`${rows.map((r) => arrayLiteral(r[name] as unknown[] | null))}::text[]`
      : sql`${rows.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`,
  );
  const values = columns.map(([, type], i) => sql`u.${sql.ref(`c${i}`)}::${sql.raw(type)}`);
  await sql`
    INSERT INTO ${sql.table(t.name)} (time_zone, month, ${sql.join(columns.map(([n]) => sql.ref(n)))})
    SELECT ${timeZone}, ${month}::date, ${sql.join(values)}
    FROM unnest(${sql.join(arrays)}) AS u(${sql.join(columns.map((_, i) => sql.ref(`c${i}`)))})`.execute(tx);
}

/** '{1,2.5}' for [1, 2.5]: JavaScript prints each number so that it reads back as the same double. */
function arrayLiteral(values: unknown[] | null | undefined): string | null {
  return values ? `{${values.map(String).join(",")}}` : null;
}
