import { config } from "../../db/config";
import type { ViewProps } from "../types";
import { DepthChart } from "./DepthChart";
import type { QueueDepthRow } from "./query";
import type { QueueDepthParams } from "./report";

/** Above the table on /reports/queue-depth: the rows as the chart, in the reporting zone. */
export function QueueDepthChart({ params, rows }: ViewProps<QueueDepthParams, QueueDepthRow>) {
  return <DepthView rows={rows} step={params.step} zone={config().LOOKBACK_TZ} level={2} />;
}

/**
 * The queue-depth rows as a chart, one line per queue (lib/ui/palette.ts,
 * the legend toggles a queue), and the same points as a table for readers
 * who cannot use the chart (DepthChart draws it when opened). Shown above the report's table on
 * /reports/queue-depth and as the depth section of /queues: one view of the
 * one report's rows. Instants read in the reporting zone `zone`, named.
 */
export function DepthView({
  rows,
  step,
  zone,
  level,
}: {
  rows: QueueDepthRow[];
  step: "hour" | "day";
  zone: string;
  /** The chart title's heading level (DepthChart). */
  level?: 2 | 3;
}) {
  if (rows.length === 0) return null;
  const points = [...new Set(rows.map((r) => r.at.toISOString()))];
  const index = new Map(points.map((p, i) => [p, i]));
  const byQueue = new Map<string, number[]>();
  for (const r of rows) {
    const values = byQueue.get(r.queue) ?? points.map(() => 0);
    values[index.get(r.at.toISOString()) ?? 0] = r.depth;
    byQueue.set(r.queue, values);
  }
  // The busiest queues first, so the legend reads like the counts.
  const series = [...byQueue.entries()]
    .map(([queue, values]) => ({ queue, values }))
    .sort((a, b) => Math.max(...b.values) - Math.max(...a.values) || a.queue.localeCompare(b.queue));
  return (
    <DepthChart
      points={points}
      series={series}
      hourly={step === "hour"}
      title={`Tickets in each queue, every ${step} (${zone})`}
      zone={zone}
      level={level}
    />
  );
}
