"use client";

import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
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
import { ChartLegend, toggled } from "./ChartLegend";
import { DataDetails } from "./DataDetails";
import { formatInstant, useReportingZone } from "./Instant";
import { seriesColor, seriesDash } from "./palette";

/** Rows listed in the chart's table equivalent; the result table below the chart has every row. */
const LISTED = 500;

/**
 * A report's declared chart over its rows. Decimal strings are charted as
 * numbers: charts are for the eye, tables for the cents. The legend toggles
 * series by click or keyboard; the same points are in a table under
 * "Chart data", for keyboards and screen readers.
 */
export function ReportChart({ spec, rows, labels }: { spec: ChartSpec; rows: Row[]; labels: Record<string, string> }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const zone = useReportingZone();
  const data = rows.map((row) => {
    const point: Record<string, string | number | null> = { [spec.x]: chartValue(row[spec.x]) };
    for (const key of spec.y) point[key] = chartValue(row[key]);
    if (spec.label) point[spec.label] = chartValue(row[spec.label]);
    return point;
  });
  const name = (key: string) => labels[key] ?? key;
  const titleId = `chart-${spec.x}-${spec.y.join("-")}`;
  // Above the plot, clear of the legend, and drawn over everything else on the page.
  const tooltip = (
    <Tooltip
      wrapperStyle={{ zIndex: 10, pointerEvents: "none" }}
      allowEscapeViewBox={{ x: false, y: true }}
      isAnimationActive={false}
    />
  );
  return (
    <figure className="chart chart-auto" aria-labelledby={titleId}>
      <h2 id={titleId} className="chart-title">
        {spec.title}
      </h2>
      {spec.kind !== "scatter" && (
        <ChartLegend
          items={spec.y.map((key, i) => ({ key, label: name(key), color: seriesColor(i) }))}
          hidden={hidden}
          onToggle={(key) => setHidden((h) => toggled(h, key))}
        />
      )}
      <div className="chart-plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {spec.kind === "scatter" ? (
            <ScatterChart accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey={spec.x} name={name(spec.x)} />
              <YAxis type="number" dataKey={spec.y[0]} name={name(spec.y[0] ?? "")} />
              {tooltip}
              {spec.diagonal && (
                <ReferenceLine
                  segment={diagonal(data, spec)}
                  stroke="#6b7280"
                  strokeDasharray="4 4"
                  label="break-even"
                  ifOverflow="extendDomain"
                />
              )}
              <Scatter name={name(spec.y[0] ?? "")} data={data} fill={seriesColor(0)} />
            </ScatterChart>
          ) : spec.kind === "bar" ? (
            <BarChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey={spec.x} />
              <YAxis />
              {tooltip}
              {spec.y.map((key, i) => (
                <Bar key={key} dataKey={key} name={name(key)} fill={seriesColor(i)} hide={hidden.has(key)} />
              ))}
            </BarChart>
          ) : (
            <LineChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey={spec.x} />
              <YAxis />
              {tooltip}
              {spec.y.map((key, i) => (
                <Line
                  key={key}
                  type="monotone"
                  dataKey={key}
                  name={name(key)}
                  stroke={seriesColor(i)}
                  strokeDasharray={seriesDash(i)}
                  strokeWidth={2}
                  dot={false}
                  hide={hidden.has(key)}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <DataDetails className="chart-data" summary="Chart data as a table">
        <table>
          <caption className="sr-only">{spec.title}</caption>
          <thead>
            <tr>
              {[spec.x, ...spec.y].map((key) => (
                <th key={key} scope="col">
                  {name(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, LISTED).map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; the order is fixed
              <tr key={i}>
                {[spec.x, ...spec.y].map((key) => (
                  <td key={key}>{cellText(row[key], zone)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > LISTED && <p className="muted">The first {LISTED} points; the table below has every row.</p>}
      </DataDetails>
    </figure>
  );
}

function cellText(value: unknown, zone: string): string {
  if (value === null || value === undefined) return "—";
  if (value instanceof Date) return formatInstant(value, zone);
  return String(value);
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
