import "server-only";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Source } from "../db/sources";
import type { Billing, Helpdesk } from "../db/types";
import { log } from "../log";
import { addDaysTo, eachDay, today } from "../params/dates";

/** Whole days [from, to], both inclusive, 'YYYY-MM-DD'. */
export interface Days {
  from: string;
  to: string;
}

/** The sources a summary's `prepare` may read besides its own. */
export interface SourceDbs {
  helpdesk: Kysely<Helpdesk>;
  billing: Kysely<Billing>;
}

/**
 * Day summaries: a report's numbers, computed ONE way, from rows that each
 * summarize one day in the reporting zone.
 *
 * - `summarize(days, scope)` is the statement that turns the source rows of
 *   some days into day rows (one column `day`, then the summary's columns).
 *   It runs on the source for days that are not stored, and it is what the
 *   refresher runs to store a day.
 * - The report's `combine` is a statement over a relation `day_rows` of those
 *   rows that gives its result rows.
 *
 * Without a database of our own, every day of a range is summarized on the
 * fly (`WITH day_rows AS (<summarize>) <combine>` on the source). With one,
 * the stored days and the fresh ones (the current day, and days whose
 * summary is missing, dirty or possibly stale) are combined there, the fresh
 * rows travelling as bound arrays. Either way the same two statements.
 *
 * A summary whose statement needs values from another source (labor's cost
 * rates are priced with billing's fx rates) reads them first (`prepare`),
 * and they travel into `summarize` as bound values.
 */
export interface DaySummary<Row extends DayRow, Scope, Input = undefined> {
  /** Its table in our database: (time_zone, day, ...columns). */
  table: string;
  source: Source;
  /** Column → PostgreSQL type, in order (without time_zone and day). */
  columns: Readonly<Record<Exclude<keyof Row, "day">, string>>;
  /**
   * Indexes besides the day's, each its key columns (after time_zone): what
   * `storedIn` selects and ranges on. Each carries every other column
   * (INCLUDE), so a range read through it never visits the table (an
   * index-only scan).
   */
  indexes?: readonly (readonly string[])[];
  /**
   * The column the report's combine groups by, when it groups by one. The day
   * and block tables are then indexed by (time_zone, [span, ]day, key), each
   * carrying every other column, and a range's pieces reach the combine as
   * one stream in key order (each piece read in its index's order, merged):
   * grouping needs no hash table (labor's last 90 days at scale 36, 128k rows
   * into 53k customers: 107 → 80 ms on our database).
   */
  groupedBy?: string;
  /** The scope that is every row (what the refresher stores). */
  everything: Scope;
  /**
   * When storing the days `days` needs more than `everything` (prices read
   * from the sources): the scope the refresher stores them with, instead.
   */
  storedScope?(source: Kysely<unknown>, days: Days, timeZone: string): Promise<Scope>;
  /** The first day with anything to summarize, or null when there is nothing. */
  firstDay(source: Kysely<unknown>): Promise<string | null>;
  /** What `summarize` needs of the sources for these days, read first (absent: nothing). */
  prepare?(days: Days, sources: SourceDbs): Promise<Input>;
  /** The day rows of [days.from, days.to] in the zone, within `scope`. */
  summarize(days: Days, timeZone: string, scope: Scope, input: Input): RawBuilder<Row>;
  /**
   * Rows of several days (a relation `day_rows`) as rows of the same shape
   * (without `day`): how a whole stored block becomes one row per key, which
   * `combine` reads as it reads a day's. Its `day_rows` may be rollups
   * themselves (a block's four quarters, each row's day its quarter's first).
   * Absent when a block would hold the same rows as its days (nothing to sum):
   * no blocks, ranges read days.
   */
  rollup?: RawBuilder<Omit<Row, "day">>;
  /** Stored rows within `scope`, over the columns of our table. */
  storedIn(scope: Scope): RawBuilder<boolean>;
  /** The source tables whose new rows (ids above a remembered mark) dirty the days they touch. */
  watched: readonly string[];
  /** The days new rows (ids above `marks`, per watched table) touch: whose day rows they may change. */
  dirtiedBy(marks: Readonly<Record<string, number>>, timeZone: string): RawBuilder<{ day: string }>;
  /**
   * Rows an edit is expected to change with no new row to say so (revenue's draft invoices: opening one
   * is the normal next step). Each pass keeps the ids pending now (summary_pending); at the next, the days
   * of those no longer pending are dirtied, so an opened draft shows within one interval, as a new row does.
   */
  pending?: {
    /** The ids pending now. */
    now(): RawBuilder<{ id: string }>;
    /** The days of these ids that are pending no more. */
    settled(ids: readonly string[]): RawBuilder<{ day: string }>;
  };
}

/** Any summary, as the refresher and the day tables' bookkeeping see it. */
export type AnyDaySummary = DaySummary<DayRow, unknown, unknown>;

export interface DayRow {
  /** 'YYYY-MM-DD' in the reporting zone. */
  day: string;
}

/** Day numbers in arrays of day rows (a ticket's previous touch, say) count from this day. */
export const DAY_ZERO = "2000-01-01";

/** Bumped when a day table's shape or meaning changes: every day is then dropped and computed again. */
export const DAYS_VERSION = 3; // 3: subject templates name an empty subject; a back-dated act's next touch

/** Creates the day tables (dropping them first when their version changed). */
export async function ensureDaySchema(store: Kysely<unknown>, summaries: readonly AnyDaySummary[]): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS summary_days_schema (version int NOT NULL)`.execute(store);
  const { rows } = await sql<{ version: number }>`SELECT version FROM summary_days_schema`.execute(store);
  if (rows[0]?.version === DAYS_VERSION) {
    // A summary added since: only its tables are missing (or the month rollups that blocks replaced remain).
    await dropMonthRollups(store, summaries);
    await createBlockBook(store);
    await createPendingBook(store);
    for (const s of summaries) await createDayTable(store, s);
    return;
  }
  await store.transaction().execute(async (tx) => {
    await dropMonthRollups(tx, summaries);
    for (const s of summaries) {
      await sql`DROP TABLE IF EXISTS ${sql.table(s.table)}`.execute(tx);
      await sql`DROP TABLE IF EXISTS ${sql.table(blockTable(s))}`.execute(tx);
    }
    await sql`DROP TABLE IF EXISTS summary_days`.execute(tx);
    await sql`DROP TABLE IF EXISTS summary_day_blocks`.execute(tx);
    await sql`DROP TABLE IF EXISTS summary_marks`.execute(tx);
    await sql`
      CREATE TABLE summary_days (
        summary text NOT NULL, time_zone text NOT NULL, day date NOT NULL,
        computed_at timestamptz NOT NULL, seconds float8 NOT NULL, dirty boolean NOT NULL DEFAULT false,
        PRIMARY KEY (summary, time_zone, day))`.execute(tx);
    await createBlockBook(tx);
    await sql`DROP TABLE IF EXISTS summary_pending`.execute(tx);
    await createPendingBook(tx);
    await sql`
      CREATE TABLE summary_marks (
        summary text NOT NULL, time_zone text NOT NULL, source_table text NOT NULL, last_id int8 NOT NULL,
        marked_at timestamptz NOT NULL, PRIMARY KEY (summary, time_zone, source_table))`.execute(tx);
    for (const s of summaries) await createDayTable(tx, s);
    await sql`DELETE FROM summary_days_schema`.execute(tx);
    await sql`INSERT INTO summary_days_schema VALUES (${DAYS_VERSION})`.execute(tx);
  });
}

/** The ids each summary's last pass saw pending (DaySummary.pending). */
async function createPendingBook(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS summary_pending (
      summary text NOT NULL, time_zone text NOT NULL, id int8 NOT NULL, PRIMARY KEY (summary, time_zone, id))`.execute(
    db,
  );
}

/** Month rollups, which blocks replaced: derived rows only, so dropped without touching the days. */
async function dropMonthRollups(db: Kysely<unknown>, summaries: readonly AnyDaySummary[]): Promise<void> {
  for (const s of summaries) await sql`DROP TABLE IF EXISTS ${sql.table(`${s.table}_months`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS summary_day_months`.execute(db);
}

async function createBlockBook(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE IF NOT EXISTS summary_day_blocks (
      summary text NOT NULL, time_zone text NOT NULL, day date NOT NULL, span int4 NOT NULL, computed_at timestamptz NOT NULL,
      PRIMARY KEY (summary, time_zone, day, span))`.execute(db);
}

/**
 * Block lengths in days, each 4 times the one before: a block of `span` days
 * starts a whole number of spans after DAY_ZERO, so the blocks of one length
 * tile the calendar and each holds four of the next shorter. Any range is
 * then read as at most 3 blocks of each length at either end, a few rows per
 * key rather than one per day (or per month, which left a range's ends day by day).
 */
export const BLOCK_SPANS = [4, 16, 64, 256] as const;

/** Rows written in the order of the summary's key index (after the day), so they fill its pages in order. */
function inKeyOrder(s: AnyDaySummary, ...before: string[]): RawBuilder<unknown> {
  return s.groupedBy ? sql`ORDER BY ${sql.join([...before, s.groupedBy].map((c) => sql.ref(`r.${c}`)))}` : sql``;
}

/** The table of block rollups beside a summary's day table: (time_zone, day = the block's first, span, ...columns). */
function blockTable(s: AnyDaySummary): string {
  return `${s.table}_blocks`;
}

async function createDayTable(db: Kysely<unknown>, s: AnyDaySummary): Promise<void> {
  const columns = Object.entries<string>(s.columns).map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)}`);
  await sql`
    CREATE TABLE IF NOT EXISTS ${sql.table(s.table)} (time_zone text NOT NULL, day date NOT NULL, ${sql.join(columns)})`.execute(
    db,
  );
  const tables: [string, RawBuilder<unknown>][] = [[s.table, sql`day`]];
  if (s.rollup) {
    await sql`
      CREATE TABLE IF NOT EXISTS ${sql.table(blockTable(s))}
        (time_zone text NOT NULL, day date NOT NULL, span int4 NOT NULL, ${sql.join(columns)})`.execute(db);
    tables.push([blockTable(s), sql`day, span`]);
  }
  const others = (keys: readonly string[]) =>
    Object.keys(s.columns)
      .filter((c) => !keys.includes(c))
      .map((c) => sql.ref(c));
  for (const [table, first] of tables) {
    const key = s.groupedBy;
    if (key) {
      // Pieces read in key order (fromDays); made before the plain day index it replaces is dropped. A block's
      // span comes before its day: blocks are rolled up a span at a time, day after day, so each is written at
      // the end of its span's entries and their pages fill up (by day then span, written between existing
      // entries: half-full pages, labor's 541–570 MB against 422 MB at scale 36).
      const [name, order] = table === s.table ? ["day", sql`day`] : ["span_day", sql`span, day`];
      await sql`CREATE INDEX IF NOT EXISTS ${sql.ref(`${table}_${name}_${key}_covering`)}
                ON ${sql.table(table)} (time_zone, ${order}, ${sql.ref(key)}) INCLUDE (${sql.join(others([key]))})`.execute(
        db,
      );
      await sql`DROP INDEX IF EXISTS ${sql.ref(`${table}_day`)}`.execute(db);
    } else {
      await sql`CREATE INDEX IF NOT EXISTS ${sql.ref(`${table}_day`)} ON ${sql.table(table)} (time_zone, ${first})`.execute(
        db,
      );
    }
    for (const keys of s.indexes ?? []) {
      const name = `${table}_${keys.join("_")}`;
      // Before covering indexes, the same index without its INCLUDE.
      await sql`DROP INDEX IF EXISTS ${sql.ref(name)}`.execute(db);
      await sql`CREATE INDEX IF NOT EXISTS ${sql.ref(`${name}_covering`)}
                ON ${sql.table(table)} (time_zone, ${sql.join(keys.map((k) => sql.ref(k)))})
                INCLUDE (day, ${sql.join(others(keys))})`.execute(db);
    }
  }
}

/**
 * Rolls up, shortest span first, every closed block whose days are all
 * stored and clean and whose rollup is missing or older than one of its
 * days: one row per key of the same shape as a day's (the summary's
 * `rollup`), from the day rows of a 4-day block or from the four rollups of
 * a longer block's quarters, when each of those is newer than each of its
 * days. Readers use a block only while it is newer than each of its days
 * (see fromDays).
 */
export async function rollUpBlocks(
  store: Kysely<unknown>,
  s: AnyDaySummary,
  timeZone: string,
  lastClosed: string,
): Promise<number> {
  if (!s.rollup) return 0;
  const rollup = s.rollup;
  const columns = Object.keys(s.columns).map((c) => sql.ref(c));
  let rolled = 0;
  let part = 1;
  for (const span of BLOCK_SPANS) {
    const blocks = await staleBlocks(store, s, timeZone, lastClosed, span, part);
    // Days just written (a first fill: millions of rows) may have no statistics yet, and a rollup planned
    // without them scans the whole day table instead of its day index (past the statement timeout at scale 36).
    if (part === 1 && blocks.length > 0) await sql`ANALYZE ${sql.table(s.table)}`.execute(store);
    const parts =
      part === 1
        ? sql`SELECT * FROM ${sql.table(s.table)} WHERE time_zone = ${timeZone}`
        : sql`SELECT * FROM ${sql.table(blockTable(s))} WHERE time_zone = ${timeZone} AND span = ${part}`;
    for (const { day } of blocks) {
      // A block that cannot be rolled up (a statement timeout on a busy database) is read in shorter ones.
      const done = await store
        .transaction()
        .execute(async (tx) => {
          await sql`DELETE FROM ${sql.table(blockTable(s))}
                    WHERE time_zone = ${timeZone} AND day = ${day}::date AND span = ${span}`.execute(tx);
          await sql`
            INSERT INTO ${sql.table(blockTable(s))} (time_zone, day, span, ${sql.join(columns)})
            SELECT ${timeZone}, ${day}::date, ${span}, ${sql.join(columns.map((c) => sql`r.${c}`))}
            FROM (
              WITH day_rows AS (
                SELECT * FROM (${parts}) p WHERE day >= ${day}::date AND day < ${day}::date + ${span}::int4)
              ${rollup}
            ) r
            ${inKeyOrder(s)}`.execute(tx);
          await sql`
            INSERT INTO summary_day_blocks (summary, time_zone, day, span, computed_at)
            VALUES (${s.table}, ${timeZone}, ${day}::date, ${span}, now())
            ON CONFLICT (summary, time_zone, day, span) DO UPDATE SET computed_at = excluded.computed_at`.execute(tx);
        })
        .then(
          () => true,
          (error: unknown) => {
            log.warn({ err: error, summary: s.table, day, span }, "block not rolled up; shorter ones answer instead");
            return false;
          },
        );
      if (done) rolled++;
    }
    // The next length reads these: without fresh statistics the planner takes a new table for a few rows (nested loops).
    if (blocks.length > 0) await sql`ANALYZE ${sql.table(blockTable(s))}`.execute(store);
    part = span;
  }
  return rolled;
}

/**
 * The closed blocks of `span` days whose days are all stored and clean, whose
 * rollup is missing or older than one of its days, and whose parts (days, or
 * blocks of `part` days) are all there and each newer than each of its days.
 */
async function staleBlocks(
  store: Kysely<unknown>,
  s: AnyDaySummary,
  timeZone: string,
  lastClosed: string,
  span: number,
  part: number,
) {
  const start = (n: number) => sql`(${DAY_ZERO}::date + ((day - ${DAY_ZERO}::date) / ${n}::int4) * ${n}::int4)`;
  const { rows } = await sql<{ day: string }>`
    WITH days AS (
      SELECT day, computed_at, dirty FROM summary_days WHERE summary = ${s.table} AND time_zone = ${timeZone}
    ),
    parts AS (
      SELECT ${start(part)} AS day, max(computed_at) AS latest FROM days GROUP BY 1
    ),
    fresh_parts AS (
      ${
        part === 1
          ? sql`SELECT day FROM parts`
          : sql`SELECT p.day FROM parts p
                JOIN summary_day_blocks b ON b.summary = ${s.table} AND b.time_zone = ${timeZone} AND b.day = p.day
                  AND b.span = ${part} AND b.computed_at >= p.latest`
      }
    ),
    blocks AS (
      SELECT ${start(span)} AS day, count(*) FILTER (WHERE NOT dirty) AS clean, max(computed_at) AS latest
      FROM days GROUP BY 1
    )
    SELECT k.day::text AS day
    FROM blocks k
    LEFT JOIN summary_day_blocks r ON r.summary = ${s.table} AND r.time_zone = ${timeZone} AND r.day = k.day AND r.span = ${span}
    WHERE k.day + ${span - 1}::int4 <= ${lastClosed}::date
      AND k.clean = ${span}
      AND (r.computed_at IS NULL OR r.computed_at < k.latest)
      AND (SELECT count(*) FROM fresh_parts f WHERE f.day >= k.day AND f.day < k.day + ${span}::int4) = ${span / part}
    ORDER BY 1`.execute(store);
  return rows;
}

/** A stored day: when its computation began, and whether a new source row has touched it since. */
export interface StoredDay {
  computedAt: Date;
  dirty: boolean;
}

/** The stored days of one summary in one zone within [from, to]. */
export async function storedDays(
  store: Kysely<unknown>,
  table: string,
  timeZone: string,
  range: Days,
): Promise<Map<string, StoredDay>> {
  const { rows } = await sql<{ day: string; computed_at: Date; dirty: boolean }>`
    SELECT day, computed_at, dirty FROM summary_days
    WHERE summary = ${table} AND time_zone = ${timeZone} AND day >= ${range.from}::date AND day <= ${range.to}::date`.execute(
    store,
  );
  return new Map(rows.map((r) => [r.day, { computedAt: r.computed_at, dirty: r.dirty }]));
}

/** The first day of a summary stored in a zone (dirty or not), or null when none is. */
export async function firstStoredDay(store: Kysely<unknown>, table: string, timeZone: string): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`
    SELECT min(day)::text AS day FROM summary_days WHERE summary = ${table} AND time_zone = ${timeZone}`.execute(store);
  return rows[0]?.day ?? null;
}

/** When the refresher last took the new source rows into account (its marks), or null: never. */
export async function lastMarked(store: Kysely<unknown>, table: string, timeZone: string): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    SELECT min(marked_at) AS at FROM summary_marks WHERE summary = ${table} AND time_zone = ${timeZone}`.execute(store);
  return rows[0]?.at ?? null;
}

/** Replaces the rows of the days [days.from, days.to], all at once: readers see the old days or the new ones. */
export async function writeDays(
  store: Kysely<unknown>,
  s: AnyDaySummary,
  timeZone: string,
  days: Days,
  rows: readonly DayRow[],
  computedAt: Date,
  seconds: number,
): Promise<void> {
  await store.transaction().execute(async (tx) => {
    await sql`DELETE FROM ${sql.table(s.table)}
              WHERE time_zone = ${timeZone} AND day >= ${days.from}::date AND day <= ${days.to}::date`.execute(tx);
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      await sql`
        INSERT INTO ${sql.table(s.table)} (time_zone, day, ${sql.join(Object.keys(s.columns).map((c) => sql.ref(c)))})
        SELECT ${timeZone}, r.* FROM (${boundRows(s, batch)}) r ${inKeyOrder(s, "day")}`.execute(tx);
    }
    await sql`
      INSERT INTO summary_days (summary, time_zone, day, computed_at, seconds, dirty)
      SELECT ${s.table}, ${timeZone}, d::date, ${computedAt}, ${seconds}, false
      FROM generate_series(${days.from}::date, ${days.to}::date, interval '1 day') d
      ON CONFLICT (summary, time_zone, day)
      DO UPDATE SET computed_at = excluded.computed_at, seconds = excluded.seconds, dirty = false`.execute(tx);
  });
}

const INSERT_BATCH = 20_000;

/**
 * Day rows as a relation (day, ...columns) from bound arrays, one per
 * column: what fresh rows travel to our database as. An array column
 * travels as text array literals, one per row (unnest would flatten an
 * array of arrays).
 */
export function boundRows<Row extends DayRow>(
  s: DaySummary<Row, unknown, unknown>,
  rows: readonly Row[],
): RawBuilder<Row> {
  const columns: [string, string][] = [["day", "date"], ...Object.entries<string>(s.columns)];
  const arrays = columns.map(([name, type]) =>
    type.endsWith("[]")
      ? sql`${rows.map((r) => arrayLiteral((r as Record<string, unknown>)[name] as unknown[] | null))}::text[]`
      : sql`${rows.map((r) => (r as Record<string, unknown>)[name] ?? null)}::${sql.raw(type)}[]`,
  );
  const values = columns.map(([name, type], i) => sql`u.${sql.ref(`c${i}`)}::${sql.raw(type)} AS ${sql.ref(name)}`);
  return sql<Row>`
    SELECT ${sql.join(values)}
    FROM unnest(${sql.join(arrays)}) AS u(${sql.join(columns.map((_, i) => sql.ref(`c${i}`)))})`;
}

/** '{1,2.5}' for [1, 2.5]: JavaScript prints each number so that it reads back as the same double. */
function arrayLiteral(values: unknown[] | null | undefined): string | null {
  return values ? `{${values.map(String).join(",")}}` : null;
}

/** What a report's combine step reads: the source and (when there is one) our database. */
export interface DaySources {
  source: Kysely<unknown>;
  store: Kysely<unknown> | null;
  timeZone: string;
  now: Date;
  /** Both sources, for a summary's `prepare`. */
  sources?: SourceDbs;
  /** Told which stored days answered, and when the oldest of them was computed. */
  summarized?: (use: { first: string; next: string; computedAt: string }) => void;
  /** How often the refresher runs (ms): stored days it has not looked at for twice this are read fresh. */
  refreshMs: number;
}

/**
 * A report's rows over the whole days `range`: `combine` (a statement over
 * `day_rows`) over the day rows of `summary` within `scope`, stored or
 * fresh. Fresh days: those not stored, dirty ones, the current day (never
 * stored), and, when the refresher has not taken new source rows into
 * account lately (it is down), the days whose numbers may still change
 * (`settleDays` after they end).
 */
export async function fromDays<Row extends DayRow, Scope, Input, Out>(
  ctx: DaySources,
  summary: DaySummary<Row, Scope, Input>,
  range: Days,
  scope: Scope,
  settleDays: number,
  combine: RawBuilder<Out>,
): Promise<Out[]> {
  const stored = ctx.store ? await usableDays(ctx, summary, range, settleDays) : null;
  if (!ctx.store || !stored || stored.size === 0) {
    const { rows } = await sql<Out>`
      WITH day_rows AS (${summary.summarize(range, ctx.timeZone, scope, await prepared(ctx, summary, range))})
      ${combine}`.execute(ctx.source);
    return rows;
  }
  const days = daysIn(range);
  const cover = await coverOf(ctx.store, summary, ctx.timeZone, range, days, stored);
  const fresh = runsOf(days.filter((day) => !stored.has(day)));
  const freshRows: Row[] = [];
  for (const run of fresh) {
    const input = await prepared(ctx, summary, run);
    const { rows } = await summary.summarize(run, ctx.timeZone, scope, input).execute(ctx.source);
    freshRows.push(...rows);
  }
  const storedList = [...stored.keys()].sort();
  const oldest = Math.min(...[...stored.values()].map((d) => d.computedAt.getTime()));
  ctx.summarized?.({
    first: storedList[0] as string,
    next: addDaysTo(storedList.at(-1) as string, 1),
    computedAt: new Date(oldest).toISOString(),
  });
  // NOT MATERIALIZED: a combine reads day_rows more than once (the scorecard's sums, then its medians), each
  // reading a few of its columns; inlined, each reference reads only those, instead of every row's arrays
  // being copied into a materialized CTE and read back (about twice as fast for a year at scale 36).
  const { rows } = await sql<Out>`
    WITH day_rows AS NOT MATERIALIZED (${dayRows(summary, ctx.timeZone, scope, cover, freshRows)})
    ${combine}`.execute(ctx.store);
  return rows;
}

/**
 * Up to this many pieces are merged in key order; past it (blocks not rolled up yet, a long range read
 * day by day) the unordered read: each piece is a branch of the statement, planned one by one.
 */
const MERGED_PIECES = 24;

/** The range's rows: its stored blocks and days, and the fresh rows bound to the statement. */
function dayRows<Row extends DayRow, Scope, Input>(
  summary: DaySummary<Row, Scope, Input>,
  timeZone: string,
  scope: Scope,
  cover: Cover,
  fresh: readonly Row[],
): RawBuilder<Row> {
  const columns = sql.join(["day", ...Object.keys(summary.columns)].map((c) => sql.ref(c)));
  const blocks = sql.table(blockTable(summary as AnyDaySummary));
  const days = sql.table(summary.table);
  const key = summary.groupedBy;
  if (key && cover.blocks.length + cover.days.length <= MERGED_PIECES) {
    // One branch per piece, each in its index's key order, merged (Merge Append): grouped without a hash table.
    const piece = (table: RawBuilder<unknown>, which: RawBuilder<boolean>) => sql`
      (SELECT ${columns} FROM ${table} WHERE time_zone = ${timeZone} AND ${which} AND ${summary.storedIn(scope)}
       ORDER BY ${sql.ref(key)})`;
    return sql<Row>`${sql.join(
      [
        ...cover.blocks.map((b) => piece(blocks, sql`day = ${b.day}::date AND span = ${b.span}::int4`)),
        ...cover.days.map((day) => piece(days, sql`day = ${day}::date`)),
        sql`(${boundRows(summary, fresh)} ORDER BY ${sql.ref(key)})`,
      ],
      sql` UNION ALL `,
    )} ORDER BY ${sql.ref(key)}`;
  }
  return sql<Row>`
    ${
      cover.blocks.length === 0
        ? sql``
        : sql`SELECT ${columns} FROM ${blocks}
              WHERE time_zone = ${timeZone} AND ${summary.storedIn(scope)}
                AND (day, span) IN (SELECT * FROM unnest(${cover.blocks.map((b) => b.day)}::date[], ${cover.blocks.map((b) => b.span)}::int4[]))
              UNION ALL`
    }
    SELECT ${columns} FROM ${days}
    WHERE time_zone = ${timeZone} AND day = ANY(${cover.days}::date[]) AND ${summary.storedIn(scope)}
    UNION ALL
    ${boundRows(summary, fresh)}`;
}

/** What the summary's `prepare` reads for these days (undefined for a summary without one). */
export async function prepared<Input>(
  ctx: { sources?: SourceDbs },
  summary: DaySummary<DayRow, unknown, Input>,
  days: Days,
): Promise<Input> {
  if (!summary.prepare) return undefined as Input;
  if (!ctx.sources) throw new Error(`summary ${summary.table} needs both sources to prepare its statement`);
  return summary.prepare(days, ctx.sources);
}

/** Stored pieces of a range: blocks (their first day and span) and single days. */
interface Cover {
  blocks: { day: string; span: number }[];
  days: string[];
}

/**
 * The stored days of the range as the fewest blocks and days: from the
 * range's first day on, the longest block that starts there, ends within the
 * range, and is newer than each of its days (all of them stored and usable),
 * else the day alone.
 */
async function coverOf<Row extends DayRow, Scope, Input>(
  store: Kysely<unknown>,
  summary: DaySummary<Row, Scope, Input>,
  timeZone: string,
  range: Days,
  /** Every day of the range, in order. */
  days: readonly string[],
  stored: Map<string, StoredDay>,
): Promise<Cover> {
  if (!summary.rollup) return { blocks: [], days: days.filter((day) => stored.has(day)) };
  const { rows } = await sql<{ day: string; span: number; computed_at: Date }>`
    SELECT day::text AS day, span, computed_at FROM summary_day_blocks
    WHERE summary = ${summary.table} AND time_zone = ${timeZone}
      AND day >= ${range.from}::date AND day + span - 1 <= ${range.to}::date`.execute(store);
  const built = new Map(rows.map((r) => [`${r.day}/${r.span}`, r.computed_at]));
  // Days by their place in the range: a block's days are a slice, not dates worked out again per candidate.
  const usable = (first: number, span: number) => {
    const at = built.get(`${days[first]}/${span}`);
    if (at === undefined) return false;
    for (let i = first; i < first + span; i++) {
      const s = stored.get(days[i] as string);
      if (s === undefined || s.computedAt > at) return false;
    }
    return true;
  };
  const cover: Cover = { blocks: [], days: [] };
  let i = 0;
  while (i < days.length) {
    const day = days[i] as string;
    const span = [...BLOCK_SPANS].reverse().find((n) => i + n <= days.length && usable(i, n));
    if (span) cover.blocks.push({ day, span });
    else if (stored.has(day)) cover.days.push(day);
    i += span ?? 1;
  }
  return cover;
}

/** The stored days of the range that may answer (see fromDays); null when our database cannot say. */
async function usableDays<Row extends DayRow, Scope, Input>(
  ctx: DaySources,
  summary: DaySummary<Row, Scope, Input>,
  range: Days,
  settleDays: number,
): Promise<Map<string, StoredDay> | null> {
  const store = ctx.store as Kysely<unknown>;
  try {
    const [days, marked] = await Promise.all([
      storedDays(store, summary.table, ctx.timeZone, range),
      lastMarked(store, summary.table, ctx.timeZone),
    ]);
    const current = today(ctx.now, ctx.timeZone);
    const refresherLate = marked === null || ctx.now.getTime() - marked.getTime() > 2 * ctx.refreshMs;
    const settled = addDaysTo(current, -settleDays - 1);
    for (const [day, d] of days) {
      if (d.dirty || day >= current || (refresherLate && day >= settled)) days.delete(day);
    }
    return days;
  } catch (error) {
    // No day computed yet in this database (no table): nothing to say.
    if ((error as { code?: string }).code !== "42P01")
      log.warn({ err: error }, "summaries: our database did not answer; reading the replicas");
    return null;
  }
}

/** Every day of [from, to]. */
export function daysIn(range: Days): string[] {
  return eachDay(range.from, range.to);
}

/** Sorted days as runs of consecutive days, each at most `longest` days. */
export function runsOf(days: readonly string[], longest = Number.POSITIVE_INFINITY): Days[] {
  const runs: (Days & { length: number })[] = [];
  for (const day of [...days].sort()) {
    const last = runs.at(-1);
    if (last && addDaysTo(last.to, 1) === day && last.length < longest) {
      last.to = day;
      last.length++;
    } else runs.push({ from: day, to: day, length: 1 });
  }
  return runs.map(({ from, to }) => ({ from, to }));
}
