"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend, toggled } from "../../ui/ChartLegend";
import { DataDetails } from "../../ui/DataDetails";
import { localInputValue } from "../../ui/local-input";
import { seriesColor, seriesDash } from "../../ui/palette";

/**
 * Depth per queue over time: one line per queue. One clock: the axis and the
 * tooltip read the instants in the reporting zone (`zone`, named in the
 * title), the same text on the server and in any browser. The legend is a
 * row of buttons above the plot (click, Enter or Space hides or shows a
 * queue), so the tooltip, kept inside the plot, never covers it.
 */
export function DepthChart({
  points,
  series,
  hourly,
  title,
  zone,
  level = 3,
}: {
  /** UTC ISO instants, oldest first. */
  points: string[];
  series: { queue: string; values: number[] }[];
  hourly: boolean;
  title: string;
  zone: string;
  /** The title's heading level: 2 on a report page (under its h1), 3 under a section's h2. */
  level?: 2 | 3;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const data = points.map((p, i) => {
    const point: Record<string, string | number> = { t: Date.parse(p) };
    for (const s of series) point[s.queue] = s.values[i] ?? 0;
    return point;
  });
  const tick = new Intl.DateTimeFormat(
    "en-GB",
    hourly
      ? { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { timeZone: zone, month: "short", day: "numeric" },
  );
  const full = new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <figure className="chart" aria-label={title}>
        {level === 2 ? <h2 className="chart-title">{title}</h2> : <h3>{title}</h3>}
        <ChartLegend
          items={series.map((s) => ({ key: s.queue, label: s.queue }))}
          hidden={hidden}
          onToggle={(key) => setHidden((h) => toggled(h, key))}
        />
        <ResponsiveContainer width="100%" height="80%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              domain={["dataMin", "dataMax"]}
              scale="time"
              tickFormatter={(t: number) => tick.format(t)}
            />
            <YAxis allowDecimals={false} />
            <Tooltip
              labelFormatter={(t) => `${full.format(Number(t))} ${zone}`}
              allowEscapeViewBox={{ x: false, y: false }}
              wrapperStyle={{ zIndex: 1, maxHeight: "100%", overflowY: "auto", pointerEvents: "none" }}
            />
            {series.map((s, i) => (
              <Line
                key={s.queue}
                type="linear"
                dataKey={s.queue}
                name={s.queue}
                stroke={seriesColor(i)}
                strokeDasharray={seriesDash(i)}
                hide={hidden.has(s.queue)}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <DataDetails summary="Chart data as a table">
        <div className="table-wrap">
          <table className="results" aria-label="Tickets in each queue at each point">
            <thead>
              <tr>
                <th scope="col">At ({zone})</th>
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
                  <th scope="row">{localInputValue(new Date(p), zone).replace("T", " ").slice(0, 16)}</th>
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
      </DataDetails>
    </>
  );
}
