"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS = [
  "#2454d6",
  "#d1495b",
  "#2a9d8f",
  "#e9a23b",
  "#6d597a",
  "#457b9d",
  "#8ab17d",
  "#b5838d",
  "#264653",
  "#f4a261",
];

/** Depth per queue over time: one line per queue, times in the viewer's zone. */
export function DepthChart({
  points,
  series,
  hourly,
  title,
}: {
  /** UTC ISO instants, oldest first. */
  points: string[];
  series: { queue: string; values: number[] }[];
  hourly: boolean;
  title: string;
}) {
  const data = points.map((p, i) => {
    const point: Record<string, string | number> = { t: Date.parse(p) };
    for (const s of series) point[s.queue] = s.values[i] ?? 0;
    return point;
  });
  const tick = new Intl.DateTimeFormat(
    undefined,
    hourly ? { weekday: "short", hour: "2-digit" } : { month: "short", day: "numeric" },
  );
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <figure className="chart" aria-label={title}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height="90%">
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={["dataMin", "dataMax"]}
            scale="time"
            tickFormatter={(t: number) => tick.format(t)}
          />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(t) => full.format(Number(t))} />
          <Legend />
          {series.map((s, i) => (
            <Line
              key={s.queue}
              type="linear"
              dataKey={s.queue}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
