import "server-only";
import { type Kysely, sql } from "kysely";
import { log } from "../log";
import { addDaysTo, today } from "../params/dates";
import { type AnyDaySummary, daysIn, rollUpBlocks, runsOf, type SourceDbs, writeDays } from "./days";

/**
 * The refresh policy of day summaries, as one pass (refreshDays): safe to
 * call from any process at any time, it does what is due and returns.
 *
 * 1. Missing days: every closed day (one that has ended in the zone) with no
 *    summary is computed. The refresher runs every refresh interval, so a day
 *    is stored within one interval after it ends.
 * 2. New source rows: the highest id of each watched table is remembered
 *    (summary_marks); rows above it dirty the days they touch (the summary's
 *    dirtiedBy: their own day, a note's neighbours 30 minutes either side,
 *    the day their ticket was created, the resolve a reopen undoes), which
 *    are computed again in the same pass. Until then readers take dirty days
 *    from the replicas. So a late reply or reopen shows within one interval.
 * 3. Pending rows (the summary's `pending`, e.g. revenue's draft invoices):
 *    each pass keeps their ids; the days of those settled since (a draft
 *    opened: no new id) are dirtied, so an opened draft shows within one interval.
 * 4. Re-verification: updates and deletes (a back-dated rate, a voided
 *    invoice, an edited comment) leave no new id. Every stored day is
 *    computed again once its summary is older than VERIFY_FACTOR intervals,
 *    at most VERIFY_DAYS_PER_RUN days per pass, oldest summary first, and
 *    the days still settling (settleDays after they end) first of all.
 */
export const VERIFY_FACTOR = 12;
export const VERIFY_DAYS_PER_RUN = 31;
/** Days summarized by one statement: a month of a large shop is well within a statement's budget. */
const DAYS_PER_STATEMENT = 31;

export interface DayRefreshResult {
  computed: number;
  failed: number;
}

export async function refreshDays(
  store: Kysely<unknown>,
  /** Runs `work` in read-only transactions of its own on the sources (the summary's, and those its prepare reads). */
  withSources: <T>(work: (sources: SourceDbs) => Promise<T>) => Promise<T>,
  s: AnyDaySummary,
  options: {
    timeZone: string;
    now: Date;
    intervalMs: number;
    settleDays: number;
    onProgress?: (message: string) => void;
  },
): Promise<DayRefreshResult> {
  const { timeZone, now, intervalMs } = options;
  const result: DayRefreshResult = { computed: 0, failed: 0 };
  const withSource = <T>(work: (source: Kysely<unknown>) => Promise<T>) =>
    withSources((db) => work(db[s.source] as Kysely<unknown>));
  const first = await withSource((source) => s.firstDay(source));
  if (first === null) return result;
  const lastClosed = addDaysTo(today(now, timeZone), -1);
  if (lastClosed < first) return result;

  // New rows since the last pass dirty their days. The marks are read first, so a row that
  // arrives during this pass is looked at in the next one.
  const marks = await readMarks(store, s.table, timeZone);
  const current = await withSource((source) => currentMarks(source, s.watched));
  if (marks !== null) {
    const { rows } = await withSource((source) => s.dirtiedBy(marks, timeZone).execute(source));
    const dirtied = rows.map((r) => r.day).filter((d) => d >= first && d <= lastClosed);
    if (dirtied.length > 0) {
      await sql`
        UPDATE summary_days SET dirty = true
        WHERE summary = ${s.table} AND time_zone = ${timeZone} AND day = ANY(${dirtied}::date[])`.execute(store);
    }
  }

  if (s.pending) {
    const pending = s.pending;
    const { rows: held } = await sql<{ id: string }>`
      SELECT id::text FROM summary_pending WHERE summary = ${s.table} AND time_zone = ${timeZone}`.execute(store);
    const { settled, now: pendingNow } = await withSource(async (source) => ({
      settled: held.length > 0 ? (await pending.settled(held.map((r) => r.id)).execute(source)).rows : [],
      now: (await pending.now().execute(source)).rows,
    }));
    const days = settled.map((r) => r.day).filter((d) => d >= first && d <= lastClosed);
    if (days.length > 0) {
      await sql`
        UPDATE summary_days SET dirty = true
        WHERE summary = ${s.table} AND time_zone = ${timeZone} AND day = ANY(${days}::date[])`.execute(store);
    }
    await store.transaction().execute(async (trx) => {
      await sql`DELETE FROM summary_pending WHERE summary = ${s.table} AND time_zone = ${timeZone}`.execute(trx);
      await sql`
        INSERT INTO summary_pending (summary, time_zone, id)
        SELECT ${s.table}, ${timeZone}, id FROM unnest(${pendingNow.map((r) => r.id)}::int8[]) AS p(id)`.execute(trx);
    });
  }

  const { rows: stored } = await sql<{ day: string; computed_at: Date; dirty: boolean }>`
    SELECT day, computed_at, dirty FROM summary_days WHERE summary = ${s.table} AND time_zone = ${timeZone}`.execute(
    store,
  );
  const byDay = new Map(stored.map((r) => [r.day, r]));
  const missing = daysIn({ from: first, to: lastClosed }).filter((d) => !byDay.get(d) || byDay.get(d)?.dirty);
  const settling = addDaysTo(lastClosed, -options.settleDays);
  const verifyBefore = now.getTime() - VERIFY_FACTOR * intervalMs;
  const verify = stored
    .filter((r) => !r.dirty && r.day >= first && r.day <= lastClosed && r.computed_at.getTime() < verifyBefore)
    .sort(
      (a, b) =>
        Number(b.day >= settling) - Number(a.day >= settling) || a.computed_at.getTime() - b.computed_at.getTime(),
    )
    .slice(0, VERIFY_DAYS_PER_RUN)
    .map((r) => r.day);

  for (const run of runsOf([...missing, ...verify], DAYS_PER_STATEMENT)) {
    const computedAt = new Date();
    const t0 = performance.now();
    const label = run.from === run.to ? run.from : `${run.from}..${run.to}`;
    try {
      const { rows } = await withSources(async (db) => {
        const source = db[s.source] as Kysely<unknown>;
        const input = s.prepare ? await s.prepare(run, db) : undefined;
        const scope = s.storedScope ? await s.storedScope(source, run, timeZone) : s.everything;
        return s.summarize(run, timeZone, scope, input).execute(source);
      });
      const seconds = (performance.now() - t0) / 1000;
      await writeDays(store, s, timeZone, run, rows, computedAt, seconds);
      result.computed += daysIn(run).length;
      options.onProgress?.(`summary ${s.table} ${label}: ${seconds.toFixed(2)} s`);
    } catch (error) {
      // Those days stay missing (or dirty, or as they were): readers take them from the replicas.
      result.failed += daysIn(run).length;
      log.warn({ err: error, summary: s.table, days: label }, "summary days not computed; read from the replicas");
    }
  }
  await rollUpBlocks(store, s, timeZone, lastClosed);
  await writeMarks(store, s.table, timeZone, current, now);
  return result;
}

async function readMarks(store: Kysely<unknown>, table: string, timeZone: string) {
  const { rows } = await sql<{ source_table: string; last_id: number }>`
    SELECT source_table, last_id FROM summary_marks WHERE summary = ${table} AND time_zone = ${timeZone}`.execute(
    store,
  );
  return rows.length === 0 ? null : Object.fromEntries(rows.map((r) => [r.source_table, r.last_id]));
}

async function currentMarks(source: Kysely<unknown>, tables: readonly string[]): Promise<Record<string, number>> {
  const marks: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ last: number | null }>`SELECT max(id) AS last FROM ${sql.table(t)}`.execute(source);
    marks[t] = rows[0]?.last ?? 0;
  }
  return marks;
}

async function writeMarks(
  store: Kysely<unknown>,
  table: string,
  timeZone: string,
  marks: Record<string, number>,
  now: Date,
): Promise<void> {
  for (const [sourceTable, last] of Object.entries(marks)) {
    await sql`
      INSERT INTO summary_marks (summary, time_zone, source_table, last_id, marked_at)
      VALUES (${table}, ${timeZone}, ${sourceTable}, ${last}, ${now})
      ON CONFLICT (summary, time_zone, source_table)
      DO UPDATE SET last_id = excluded.last_id, marked_at = excluded.marked_at`.execute(store);
  }
}
