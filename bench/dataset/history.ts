import { resetConfig } from "../../lib/db/config";
import { closePools } from "../../lib/db/pool";
import { createEmptyDatabase, databaseExists, databaseUrl, withClient } from "../../lib/db/setup";
import { buildHistory } from "../../lib/history";
import { VERSION } from "../../lib/history/schema";
import { DAY_SUMMARIES } from "../../lib/reports/day-summaries";
import { refreshSummaries } from "../../lib/summary/refresh";

export interface HistoryIndex {
  storeUrl: string;
  /** Seconds computing the day summaries took now (every closed day not stored yet). */
  summarySeconds?: number;
  /** Seconds the build took now; undefined when an up-to-date index was reused. */
  buildSeconds?: number;
  spans: number;
}

/**
 * Lookback's own database for one dataset (bench_s<scale>_lookback) with the
 * history index built from its helpdesk, as the app builds it at start: reused
 * when it already holds every event of that helpdesk at this index version.
 */
export async function ensureHistoryIndex(
  adminUrl: string,
  name: string,
  helpdeskUrl: string,
  billingUrl: string,
  log: (message: string) => void,
): Promise<HistoryIndex> {
  const storeUrl = databaseUrl(adminUrl, name);
  if (!(await databaseExists(adminUrl, name))) await createEmptyDatabase(adminUrl, name);
  Object.assign(process.env, {
    HELPDESK_DATABASE_URL: helpdeskUrl,
    BILLING_DATABASE_URL: billingUrl,
    LOOKBACK_DATABASE_URL: storeUrl,
  });
  resetConfig();
  await closePools();
  try {
    const last = await withClient(helpdeskUrl, async (c) => {
      const { rows } = await c.query<{ last: string | null }>("SELECT max(id)::text AS last FROM ticket_events");
      return Number(rows[0]?.last ?? 0);
    });
    const current = await withClient(storeUrl, async (c) => {
      const { rows } = await c
        .query<{ version: number; last_event_id: string; spans: string }>(
          `SELECT version, last_event_id::text, (SELECT count(*) FROM history_spans)::text AS spans
         FROM history_index_state WHERE to_regclass('history_index_state') IS NOT NULL`,
        )
        .catch(() => ({ rows: [] }));
      return rows[0];
    });
    const summaries = await ensureSummaries(log);
    if (current && current.version === VERSION && Number(current.last_event_id) === last) {
      return { storeUrl, spans: Number(current.spans), ...summaries };
    }
    log(`  building the history index in ${name}…`);
    const built = await buildHistory();
    log(
      `  history index: ${built.spans.toLocaleString("en")} spans from ${built.events.toLocaleString("en")} events in ${built.seconds.toFixed(0)} s`,
    );
    return { storeUrl, buildSeconds: built.seconds, spans: built.spans, ...summaries };
  } finally {
    await closePools();
  }
}

/**
 * The day summaries (the scorecard's and profitability's days and their
 * month rollups) of every closed day, in UTC (the bench's zone), as the
 * server computes them, before anything is timed; what was computed in the
 * last day is reused (the generated history does not change). Another
 * process refreshing the same database (its lock) makes this return at once:
 * run one bench per dataset at a time.
 */
async function ensureSummaries(log: (message: string) => void): Promise<{ summarySeconds?: number }> {
  const result = await refreshSummaries(DAY_SUMMARIES, { timeZone: "UTC", maxAgeMs: 86_400_000 });
  if (result.computed + result.failed === 0) return {};
  log(`  summaries: ${result.computed} days computed (${result.failed} failed) in ${result.seconds.toFixed(0)} s`);
  return { summarySeconds: result.seconds };
}
