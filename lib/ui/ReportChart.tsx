"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartSpec, Row } from "../reports/types";

const COLORS = ["#2454d6", "#d1495b", "#2a9d8f", "#e9a23b", "#6d597a", "#457b9d"];

/** A report's declared chart over its rows. Decimal strings are charted as numbers: charts are for the eye, tables for the cents. */
export function ReportChart({ spec, rows, labels }: { spec: ChartSpec; rows: Row[]; labels: Record<string, string> }) {
  const data = rows.map((row) => {
    const point: Record<string, string | number | null> = { [spec.x]: chartValue(row[spec.x]) };
    for (const key of spec.y) point[key] = chartValue(row[key]);
    if (spec.label) point[spec.label] = chartValue(row[spec.label]);
    return point;
  });
  return (
    <figure className="chart" aria-label={spec.title}>
      <h3>{spec.title}</h3>
      <ResponsiveContainer width="100%" height="90%">
        {spec.kind === "scatter" ? (
          <ScatterChart>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey={spec.x} name={labels[spec.x]} />
            <YAxis type="number" dataKey={spec.y[0]} name={labels[spec.y[0] ?? ""]} />
            <Tooltip cursor={{ strokeDasharray: "3 3" }} />
            {spec.diagonal && (
              <ReferenceLine
                segment={diagonal(data, spec)}
                stroke="#999"
                strokeDasharray="4 4"
                label="break-even"
                ifOverflow="extendDomain"
              />
            )}
            <Scatter name={labels[spec.y[0] ?? ""]} data={data} fill={COLORS[0]} />
          </ScatterChart>
        ) : spec.kind === "bar" ? (
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey={spec.x} />
            <YAxis />
            <Tooltip />
            <Legend />
            {spec.y.map((key, i) => (
              <Bar key={key} dataKey={key} name={labels[key] ?? key} fill={COLORS[i % COLORS.length]} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey={spec.x} />
            <YAxis />
            <Tooltip />
            <Legend />
            {spec.y.map((key, i) => (
              <Line
                key={key}
                type="monotone"
                dataKey={key}
                name={labels[key] ?? key}
                stroke={COLORS[i % COLORS.length]}
                dot={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}

function chartValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  const n = Number(value);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(String(value)) ? n : String(value);
}

function diagonal(
  data: Record<string, string | number | null>[],
  spec: ChartSpec,
): [{ x: number; y: number }, { x: number; y: number }] {
  const max = Math.max(1, ...data.flatMap((p) => [Number(p[spec.x] ?? 0), Number(p[spec.y[0] ?? ""] ?? 0)]));
  return [
    { x: 0, y: 0 },
    { x: max, y: max },
  ];
}
