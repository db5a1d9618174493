import type { Freshness } from "../db/freshness";
import { formatDuration } from "./format";
import { Instant } from "./Instant";

/** How long the run took, how many rows, and how fresh each source is; a banner when a replica lags. */
export function RunFacts({
  durationMs,
  rowCount,
  cached,
  sources,
  lagWarnSeconds,
}: {
  durationMs: number;
  rowCount: number;
  cached: boolean;
  sources: Partial<Record<string, Freshness>>;
  lagWarnSeconds: number;
}) {
  const lagging = Object.values(sources).filter((f): f is Freshness => !!f && f.lagSeconds > lagWarnSeconds);
  return (
    <>
      {lagging.map((f) => (
        <div key={f.source} className="warn" role="status" data-lagging-source={f.source}>
          The <strong>{f.source}</strong> replica is {formatDuration(f.lagSeconds)} behind its primary: these numbers
          reflect the data as of <Instant value={f.dataAsOf} />, not now.
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
              <span key={f.source}>
                {f.source}: {f.mode === "live" ? "live primary" : "replica"}, data as of <Instant value={f.dataAsOf} />
                {f.mode === "standby" && `, lag ${f.lagSeconds} s`}
              </span>
            ),
        )}
      </p>
    </>
  );
}
