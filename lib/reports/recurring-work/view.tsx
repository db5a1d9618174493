import { addDaysTo } from "../../params/dates";
import { groupDecimal } from "../../ui/format";
import { seriesColor, seriesDash } from "../../ui/palette";
import type { ViewProps } from "../types";
import type { KindRow } from "./query";

type TrendRow = Pick<KindRow, "kind" | "group_label" | "tickets" | "hours" | "trend">;

/** How many kinds the chart of kinds over time draws: the top rows (by hours logged, the report's order). */
const CHART_KINDS = 6;
const SPARK_KINDS = 10;

const nameOf = (r: TrendRow) => (r.group_label ? `${r.kind} (${r.group_label})` : r.kind);

/**
 * The top kinds over time, drawn on the server as SVG (no script needed):
 * tickets per week of the range, one line per kind (palette colour and dash,
 * so no line depends on colour alone), with the numbers as a table for
 * screen readers and keyboard users; then the top kinds' sparklines, each
 * with its numbers as its accessible name.
 */
export function RecurringWorkView({ params, rows }: ViewProps<{ from: string }, KindRow>) {
  const top = rows.slice(0, CHART_KINDS);
  if (top.length === 0) return null;
  const weeks = top[0]?.trend.length ?? 0;
  const max = Math.max(1, ...top.flatMap((r) => r.trend));
  const W = 640;
  const H = 220;
  const pad = { l: 36, r: 8, t: 8, b: 24 };
  const x = (i: number) => pad.l + (weeks <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (weeks - 1));
  const y = (v: number) => H - pad.b - (v * (H - pad.t - pad.b)) / max;
  const weekStart = (i: number) => addDaysTo(params.from, 7 * i);
  return (
    <section aria-labelledby="recurring-chart-title">
      <h2 id="recurring-chart-title">Top kinds over time: tickets per week</h2>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img">
        <title>{`Tickets per week of the top ${top.length} kinds; the numbers are in the table below`}</title>
        <line x1={pad.l} y1={y(0)} x2={W - pad.r} y2={y(0)} stroke="currentColor" />
        <text x={pad.l - 4} y={y(max) + 4} textAnchor="end" fontSize="11" fill="currentColor">
          {max}
        </text>
        <text x={pad.l - 4} y={y(0) + 4} textAnchor="end" fontSize="11" fill="currentColor">
          0
        </text>
        <text x={pad.l} y={H - 6} fontSize="11" fill="currentColor">
          {weekStart(0)}
        </text>
        <text x={W - pad.r} y={H - 6} textAnchor="end" fontSize="11" fill="currentColor">
          {weekStart(weeks - 1)}
        </text>
        {top.map((r, i) => (
          <polyline
            key={nameOf(r)}
            fill="none"
            stroke={seriesColor(i)}
            strokeDasharray={seriesDash(i) ?? (i % 2 ? "5 3" : undefined)}
            strokeWidth="2"
            points={r.trend.map((v, w) => `${x(w)},${y(v)}`).join(" ")}
          />
        ))}
      </svg>
      <ul className="legend">
        {top.map((r, i) => (
          <li key={nameOf(r)}>
            <svg width="24" height="10" aria-hidden="true">
              <line
                x1="0"
                y1="5"
                x2="24"
                y2="5"
                stroke={seriesColor(i)}
                strokeWidth="2"
                strokeDasharray={seriesDash(i) ?? (i % 2 ? "5 3" : undefined)}
              />
            </svg>{" "}
            {nameOf(r)}
          </li>
        ))}
      </ul>
      <details>
        <summary>Chart data as a table</summary>
        <table>
          <caption>Tickets per week of the top kinds (weeks start on the day shown)</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              {Array.from({ length: weeks }, (_, w) => (
                <th scope="col" key={weekStart(w)}>
                  {weekStart(w)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top.map((r) => (
              <tr key={nameOf(r)}>
                <th scope="row">{nameOf(r)}</th>
                {r.trend.map((v, w) => (
                  <td key={weekStart(w)}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h3>Trends of the top kinds</h3>
      <ul className="sparklines">
        {rows.slice(0, SPARK_KINDS).map((r) => (
          <li key={nameOf(r)}>
            <Sparkline values={r.trend} label={`Tickets per week: ${r.trend.join(", ")}`} /> {nameOf(r)} ·{" "}
            {r.tickets.toLocaleString("en-US")} tickets, {groupDecimal(r.hours)} h
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A word-sized line of tickets per week; its numbers are its accessible name. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const w = 80;
  const h = 18;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const points = values.map((v, i) => `${i * step},${h - 1 - (v * (h - 2)) / max}`).join(" ");
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img">
      <title>{label}</title>
      <polyline fill="none" stroke={seriesColor(0)} strokeWidth="1.5" points={points} />
    </svg>
  );
}
