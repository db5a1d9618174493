import type { Freshness } from "../db/freshness";
import type { SummaryUse } from "../reports/types";
import { formatDuration } from "./format";
import { Instant } from "./Instant";

/**
 * How long the run took, how many rows, and how fresh each source is (its lag,
 * on every result, and which of several replicas answered); a banner when a
 * replica lags more than LOOKBACK_LAG_WARN_SECONDS.
 */
export function RunFacts({
  durationMs,
  rowCount,
  cached,
  sources,
  summary,
  lagWarnSeconds,
}: {
  durationMs: number;
  rowCount: number;
  cached: boolean;
  sources: Partial<Record<string, Freshness>>;
  summary?: SummaryUse;
  lagWarnSeconds: number;
}) {
  const lagging = Object.values(sources).filter((f): f is Freshness => !!f && f.lagSeconds > lagWarnSeconds);
  return (
    <>
      {lagging.map((f) => (
        <div key={f.source} className="warn" role="status" data-lagging-source={f.source}>
          The <strong>{f.source}</strong> replica is {lag(f.lagSeconds)} behind its primary: these numbers reflect the
          data as of <Instant value={f.dataAsOf} />, not now.
        </div>
      ))}
      <p className="run-facts" data-testid="run-facts">
        <span>
          {rowCount.toLocaleString("en-US")} {rowCount === 1 ? "row" : "rows"}
        </span>
        <span>
          query {durationMs.toLocaleString("en-US")} ms{cached ? " (cached)" : ""}
        </span>
        {Object.values(sources).map(
          (f) =>
            f && (
              <span key={f.source} data-source={f.source} data-lag-seconds={f.lagSeconds}>
                {f.source}: {f.mode === "live" ? "live primary" : "replica"}
                {f.replica && ` ${f.replica.number} of ${f.replica.of}`}, data as of <Instant value={f.dataAsOf} />, lag{" "}
                {lag(f.lagSeconds)}
              </span>
            ),
        )}
        {summary && (
          <span data-summary={`${summary.first}/${summary.next}`}>
            {daySpan(summary)} from Lookback&apos;s stored day summaries, the oldest computed at{" "}
            <Instant value={summary.computedAt} /> (the rest of the range read from the replicas)
          </span>
        )}
      </p>
    </>
  );
}

/** "1 Nov 2025 – 31 Oct 2026" (or one day): the days a result read from the stored summaries. */
function daySpan({ first, next }: SummaryUse): string {
  const name = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  const last = new Date(`${next}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const lastDay = last.toISOString().slice(0, 10);
  return lastDay === first ? name(first) : `${name(first)} – ${name(lastDay)}`;
}

/** Seconds while small (a healthy replica is a few seconds behind), then minutes, hours, days. */
function lag(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds);
}
