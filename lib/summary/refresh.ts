import "server-only";
import { sql } from "kysely";
import { config } from "../db/config";
import { readOnly } from "../db/read-only";
import { SOURCES, type Source } from "../db/sources";
import { storeDb } from "../db/store";
import { type AnyDaySummary, ensureDaySchema, type SourceDbs } from "./days";
import { refreshDays } from "./refresh-days";

/** A day summary the server keeps, with how long after its end a day may still change with no new row of its own. */
export interface KeptSummary {
  summary: AnyDaySummary;
  settleDays: number;
}

export interface RefreshOptions {
  timeZone?: string;
  now?: Date;
  /** The refresh interval (default: the configured one): the re-verification policy counts in it (refresh-days.ts). */
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
/** A month of a large shop is a few hundred thousand rows per statement: more than a report's budget. */
const SUMMARY_STATEMENT_MS = 300_000;

/**
 * One pass of the day summaries' refresh policy (refresh-days.ts) over
 * `summaries` (the reports layer's list, lib/reports/day-summaries.ts: this
 * module knows no report), in the reporting zone.
 */
export async function refreshSummaries(
  summaries: readonly KeptSummary[],
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const store = storeDb();
  if (!store) throw new Error("LOOKBACK_DATABASE_URL is not set: there is no database of our own for summaries");
  const timeZone = options.timeZone ?? config().LOOKBACK_TZ;
  const now = options.now ?? new Date();
  const maxAgeMs = options.maxAgeMs ?? config().LOOKBACK_SUMMARY_REFRESH_SECONDS * 1000;
  const result: RefreshResult = { computed: 0, failed: 0, seconds: 0 };
  await store.connection().execute(async (held) => {
    const { rows } = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${REFRESH_LOCK_KEY}) AS got`.execute(held);
    if (!rows[0]?.got) return; // another process is refreshing
    try {
      await ensureDaySchema(
        store,
        summaries.map((d) => d.summary),
      );
      for (const { summary, settleDays } of summaries) {
        // A summary that prepares its statement reads both sources; any other, its own.
        const sources = summary.prepare ? SOURCES : [summary.source];
        const days = await refreshDays(store, (work) => withSources(sources, work), summary, {
          timeZone,
          now,
          intervalMs: maxAgeMs,
          settleDays,
          onProgress: options.onProgress,
        });
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
    return readOnly(source, { label: "summary", timeoutMs: SUMMARY_STATEMENT_MS }, (tx) =>
      open(i + 1, { ...db, [source]: tx.db }),
    );
  };
  return open(0, {});
}
