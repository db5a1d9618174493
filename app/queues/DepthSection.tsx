import "server-only";
import { canRun } from "@/lib/auth/access";
import type { User } from "@/lib/auth/roles";
import { config } from "@/lib/db/config";
import { SourceError } from "@/lib/db/errors";
import { toSearchParams } from "@/lib/params/parse";
import { runCached } from "@/lib/reports/cache";
import { defaultStep } from "@/lib/reports/queue-depth/points";
import { type QueueDepthRow, queueDepth } from "@/lib/reports/queue-depth/report";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { localInputValue } from "@/lib/ui/local-input";
import { DepthChart } from "./DepthChart";

/** Queue depth over the `span` days before T, from the queue-depth report (the same rows its API serves). */
export async function DepthSection({ at, queue, span, user }: { at: Date; queue: number[]; span: number; user: User }) {
  if (!canRun(user, queueDepth)) return null;
  const params = { at, span, step: defaultStep(span), queue };
  let rows: QueueDepthRow[];
  let truncated: boolean;
  try {
    ({ rows, truncated } = await runCached(queueDepth, params, toSearchParams(params), { user }));
  } catch (error) {
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    throw error;
  }
  const points = [...new Set(rows.map((r) => r.at.toISOString()))];
  const byQueue = new Map<string, number[]>();
  for (const r of rows) {
    const values = byQueue.get(r.queue) ?? [];
    values.push(r.depth);
    byQueue.set(r.queue, values);
  }
  // The busiest queues first, so the legend reads like the counts above.
  const series = [...byQueue.entries()]
    .map(([q, values]) => ({ queue: q, values }))
    .sort((a, b) => Math.max(...b.values) - Math.max(...a.values));
  const apiHref = `/api/reports/queue-depth?${toSearchParams(params)}`;
  return (
    <section aria-labelledby="queue-depth">
      <h2 id="queue-depth">Depth over the {span === 1 ? "day" : `${span} days`} before</h2>
      {truncated && (
        <p className="warn" role="status">
          The series has more points than the row cap: the chart stops early. Choose fewer queues or a shorter span.
        </p>
      )}
      <DepthChart
        points={points}
        series={series}
        hourly={params.step === "hour"}
        title={`Tickets in each queue, every ${params.step} (${config().LOOKBACK_TZ})`}
        zone={config().LOOKBACK_TZ}
      />
      <details>
        <summary>The chart as a table</summary>
        <div className="table-wrap">
          <table className="results" aria-label="Tickets in each queue at each point">
            <thead>
              <tr>
                <th scope="col">At ({config().LOOKBACK_TZ})</th>
                {series.map((s) => (
                  <th key={s.queue} scope="col" className="num">
                    {s.queue}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p}>
                  <th scope="row">
                    {localInputValue(new Date(p), config().LOOKBACK_TZ).replace("T", " ").slice(0, 16)}
                  </th>
                  {series.map((s) => (
                    <td key={s.queue} className="num">
                      {s.values[i] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="muted">
        Each point counts the tickets in the queues at that instant, as the list below does at the last one.{" "}
        <a href={apiHref}>Data (JSON)</a>
      </p>
    </section>
  );
}
