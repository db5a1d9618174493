import "server-only";
import { type Kysely, sql } from "kysely";
import { config } from "../db/config";
import { readOnly } from "../db/read-only";
import type { Source } from "../db/sources";
import { storeDb } from "../db/store";
import { log } from "../log";
import { today } from "../params/dates";
import { ensureDaySchema } from "./days";
import { daysOfMonth, monthOf, monthsBetween } from "./months";
import { refreshDays } from "./refresh-days";
import { DAY_SUMMARIES, SUMMARIZERS } from "./registry";
import { dropMonth, ensureSchema, type SourceDbs, type Summarizer, summarizedMonths, writeMonth } from "./store";

export interface RefreshOptions {
  summarizers?: readonly Summarizer[];
  /** The day summaries to refresh (default: every one, DAY_SUMMARIES). */
  daySummaries?: typeof DAY_SUMMARIES;
  timeZone?: string;
  now?: Date;
  /**
   * The last RECENT_MONTHS closed months are computed again once older than
   * this (default: the refresh interval), earlier months once older than
   * OLDER_MONTHS_FACTOR times this: late changes mostly touch the last month
   * or two, and a shop's whole history is minutes of replica time.
   */
  maxAgeMs?: number;
  onProgress?: (message: string) => void;
}

export interface RefreshResult {
  computed: number;
  failed: number;
  seconds: number;
}

/** One refresher per database of our own, across processes (a session lock, as the history build's). */
const REFRESH_LOCK_KEY = 7406003;
export const RECENT_MONTHS = 2;
export const OLDER_MONTHS_FACTOR = 12;
/** A month of a large shop is a few hundred thousand rows per statement: more than a report's budget. */
const MONTH_STATEMENT_MS = 300_000;

/**
 * Computes the summaries of every closed month (one that has ended in the
 * reporting zone) that has none yet, or a stale one (see maxAgeMs): each
 * month in its own read-only transactions on the sources, written in one
 * transaction of ours. The current month is never summarized: reports read
 * it from the replicas. A month whose computation fails is dropped, so
 * reports read it from the replicas too (and show the error, if it is one of
 * the data's, such as a missing fx rate).
 */
export async function refreshSummaries(options: RefreshOptions = {}): Promise<RefreshResult> {
  const started = performance.now();
  const store = storeDb();
  if (!store) throw new Error("LOOKBACK_DATABASE_URL is not set: there is no database of our own for summaries");
  const summarizers = options.summarizers ?? SUMMARIZERS;
  const timeZone = options.timeZone ?? config().LOOKBACK_TZ;
  const now = options.now ?? new Date();
  const maxAgeMs = options.maxAgeMs ?? config().LOOKBACK_SUMMARY_REFRESH_SECONDS * 1000;
  const result: RefreshResult = { computed: 0, failed: 0, seconds: 0 };
  await store.connection().execute(async (held) => {
    const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${REFRESH_LOCK_KEY}) AS got`.execute(held);
    if (!rows[0]?.got) return; // another process is refreshing
    try {
      await ensureSchema(store, summarizers);
      for (const s of summarizers) {
        const first = await withSources(s.sources, (db) => s.firstDay(db));
        if (first === null) continue;
        const current = monthOf(today(now, timeZone));
        const closed = monthsBetween(first, current).filter((m) => m < current);
        const done = await summarizedMonths(store, s.id, timeZone);
        const recent = new Set(closed.slice(-RECENT_MONTHS));
        const stale = (m: string) => now.getTime() - maxAgeMs * (recent.has(m) ? 1 : OLDER_MONTHS_FACTOR);
        const due = closed
          .filter((m) => (done.get(m)?.getTime() ?? Number.NEGATIVE_INFINITY) <= stale(m))
          .sort((a, b) => (done.get(a)?.getTime() ?? 0) - (done.get(b)?.getTime() ?? 0));
        for (const month of due) {
          const computedAt = new Date();
          const t0 = performance.now();
          try {
            const rows = await withSources(s.sources, (db) => s.compute(db, daysOfMonth(month), timeZone));
            const seconds = (performance.now() - t0) / 1000;
            await writeMonth(store, s, timeZone, month, rows, computedAt, seconds);
            result.computed++;
            options.onProgress?.(`summary ${s.id} ${month.slice(0, 7)}: ${seconds.toFixed(2)} s`);
          } catch (error) {
            result.failed++;
            await dropMonth(store, s, timeZone, month);
            log.warn({ err: error, summary: s.id, month }, "summary month not computed; read from the replicas");
          }
        }
      }
      const daySummaries = options.daySummaries ?? DAY_SUMMARIES;
      await ensureDaySchema(
        store,
        daySummaries.map((d) => d.summary),
      );
      for (const { summary, settleDays } of daySummaries) {
        const days = await refreshDays(
          store,
          (work) => withSources([summary.source], (db) => work(db[summary.source] as Kysely<unknown>)),
          summary,
          { timeZone, now, intervalMs: maxAgeMs, settleDays, onProgress: options.onProgress },
        );
        result.computed += days.computed;
        result.failed += days.failed;
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${REFRESH_LOCK_KEY})`.execute(held);
    }
  });
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Runs `work` inside one read-only transaction on each of `sources` (the others are not opened). */
function withSources<T>(sources: readonly Source[], work: (db: SourceDbs) => Promise<T>): Promise<T> {
  const open = (i: number, db: Partial<SourceDbs>): Promise<T> => {
    const source = sources[i];
    if (source === undefined) return work(db as SourceDbs);
    return readOnly(source, { label: "summary", timeoutMs: MONTH_STATEMENT_MS }, (tx) =>
      open(i + 1, { ...db, [source]: tx.db }),
    );
  };
  return open(0, {});
}
