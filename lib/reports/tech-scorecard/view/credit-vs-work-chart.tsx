"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { MEASURES, type Measure, type WorkPoint } from "./measures";

const BAR_ROW_PX = 44;

/**
 * Credit beside substantive work, tech by tech, each as a multiple of the
 * tech's team median: an honest worker's bars are about the same length;
 * a gamed score is a long red bar over short ones.
 */
export function CreditVsWorkChart({ points, techs }: { points: WorkPoint[]; techs: number }) {
  const data = points.map((p) => ({ label: p.label, ...p.ratios, shown: p.shown }));
  return (
    <figure
      className="chart"
      style={{ height: 90 + points.length * BAR_ROW_PX }}
      aria-label="Credit beside substantive work, as multiples of the team median"
    >
      <h3>Credit beside substantive work (× team median)</h3>
      {points.length < techs && (
        <figcaption className="muted">
          {points.length} of {techs} techs: in each team, the flagged and those furthest from its median. The table
          below lists everyone.
        </figcaption>
      )}
      <ResponsiveContainer width="100%" height="92%">
        <BarChart layout="vertical" data={data} margin={{ left: 8, right: 24 }} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => `×${v}`} />
          <YAxis type="category" dataKey="label" width={150} interval={0} />
          <Tooltip
            formatter={(value, name, item) => {
              const measure = MEASURES.find((m) => m.label === name);
              const shown = measure ? (item.payload as { shown: Record<Measure, string> }).shown[measure.key] : "";
              return [
                `${shown} (${value === undefined || value === null ? "no team median" : `×${Number(value).toFixed(2)}`})`,
                name,
              ];
            }}
          />
          <Legend />
          <ReferenceLine
            x={1}
            stroke="#5f6b7a"
            strokeDasharray="4 4"
            label={{ value: "team median", position: "top" }}
          />
          {MEASURES.map((m) => (
            <Bar key={m.key} dataKey={m.key} name={m.label} fill={m.color} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
