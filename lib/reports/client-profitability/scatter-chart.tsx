"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartLegend, toggled } from "../../ui/ChartLegend";
import { DataDetails } from "../../ui/DataDetails";
import { seriesColor } from "../../ui/palette";
import { type ClientRange, clientPageHref } from "./client-key";
import { formatUsd } from "./format";
import styles from "./view.module.css";

/**
 * One client as the chart needs it: money as exact strings, turned into
 * numbers only to place the mark; the client as /clients/{key} spells it
 * (its link is made here, so 200 marks do not carry 200 copies of the range).
 */
export interface ClientPoint {
  name: string;
  client: string;
  laborCost: string;
  revenue: string;
  losing: boolean;
}

interface Plotted extends ClientPoint {
  href: string;
  x: number;
  y: number;
  /** The name for the few worst clients, drawn beside their mark; empty for the rest. */
  label: string;
}

/**
 * Names drawn on the chart: the few worst, and only those whose loss is at
 * least this share of the worst loss; smaller ones sit in the crowd near the
 * origin, where labels pile into one red smear (they are listed below).
 */
const NAMED_ON_CHART = 5;
const NAMED_MIN_SHARE_OF_WORST = 0.05;
/** How far apart two names must sit, as shares of the plot's width and height (a name is drawn left of its mark). */
const LABEL_ROOM = { x: 0.3, y: 0.06, left: 0.1 };
/** Names listed under the chart, each a link to the client's page. */
const NAMED_BELOW = 12;
/** On the log scale, amounts below this are drawn at it (a log axis has no 0). */
const LOG_FLOOR = 1;
const PAYING = { key: "paying", label: "Pays more than it costs", color: seriesColor(0), marker: "circle" } as const;
const LOSING = { key: "losing", label: "Costs more than it pays", color: seriesColor(1), marker: "triangle" } as const;

/**
 * Revenue against labor cost, one mark per client, with the break-even line
 * y = x: clients below it cost more than they pay, drawn red and named.
 * A click on a mark opens the client's drill-down.
 */
export function ProfitabilityScatter({
  points,
  range,
  clients,
  losing: losingClients,
}: {
  /** The clients plotted (view.tsx: the lowest margins and the largest, when there are many). */
  points: ClientPoint[];
  /** The report's range and scope, which each client's page keeps. */
  range: ClientRange;
  /** Clients in the result, and how many of them cost more than they pay: plotted or not. */
  clients: number;
  losing: number;
}) {
  const router = useRouter();
  // One large client squeezes every other mark into a corner on linear axes; a log scale spreads them out.
  const [log, setLog] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const floor = (v: number) => (log ? Math.max(LOG_FLOOR, v) : v);
  // Plotting only: pixel positions need numbers; no money is computed from them.
  const plotted: Plotted[] = points.map((p) => ({
    ...p,
    href: clientPageHref(p.client, range),
    x: floor(Number(p.laborCost)),
    y: floor(Number(p.revenue)),
    label: "",
  }));
  const paying = plotted.filter((p) => !p.losing);
  const losing = plotted.filter((p) => p.losing).sort((a, b) => a.y - a.x - (b.y - b.x));
  // Each axis fits its own values; the break-even line runs where both scales reach.
  const xs = plotted.map((p) => p.x);
  const ys = plotted.map((p) => p.y);
  const low = log ? LOG_FLOOR : 0;
  const xDomain = [Math.min(low, ...xs), Math.max(low + 1, ...xs)] as const;
  const yDomain = [Math.min(low, ...ys), Math.max(low + 1, ...ys)] as const;
  const worstLoss = losing[0] ? losing[0].x - losing[0].y : 0;
  const named: { x: number; y: number }[] = [];
  const at = (p: Plotted) => ({ x: share(p.x, xDomain, log), y: share(p.y, yDomain, log) });
  for (const p of losing.slice(0, NAMED_ON_CHART)) {
    const here = at(p);
    // A name drawn over another's, or over the axis left of its mark, is no name: the list below has it.
    const crowded =
      here.x < LABEL_ROOM.left ||
      named.some((n) => Math.abs(n.y - here.y) < LABEL_ROOM.y && Math.abs(n.x - here.x) < LABEL_ROOM.x);
    if (p.x - p.y >= worstLoss * NAMED_MIN_SHARE_OF_WORST && !crowded) {
      p.label = p.name;
      named.push(here);
    }
  }
  const lineFrom = Math.max(xDomain[0], yDomain[0]);
  const lineTo = Math.min(xDomain[1], yDomain[1]);
  const open = (item: { payload?: unknown }) => {
    const point = item.payload as Plotted | undefined;
    if (point) router.push(point.href);
  };
  const worst = losing.slice(0, NAMED_BELOW);
  const scale = log ? "log" : "linear";
  return (
    <figure className={`chart chart-auto ${styles.scatter}`} aria-labelledby="profitability-scatter-title">
      <h2 id="profitability-scatter-title" className="chart-title">
        Revenue against labor cost per client (USD); below the dashed line costs more than it pays
      </h2>
      <div className="chart-controls">
        <ChartLegend items={[PAYING, LOSING]} hidden={hidden} onToggle={(key) => setHidden((h) => toggled(h, key))} />
        <button type="button" className="secondary" aria-pressed={log} onClick={() => setLog((l) => !l)}>
          Log scale
        </button>
      </div>
      <div className={styles.plot} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 24, bottom: 24, left: 24 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name="Labor cost"
              scale={scale}
              domain={[...xDomain]}
              allowDataOverflow={log}
              tickFormatter={compactUsd}
              label={{ value: "Labor cost", position: "insideBottom", offset: -12 }}
            />
            <YAxis
              type="number"
              dataKey="y"
              name="Revenue"
              scale={scale}
              domain={[...yDomain]}
              allowDataOverflow={log}
              tickFormatter={compactUsd}
              label={{ value: "Revenue", angle: -90, position: "insideLeft", offset: -10 }}
            />
            <ReferenceLine
              segment={[
                { x: lineFrom, y: lineFrom },
                { x: lineTo, y: lineTo },
              ]}
              stroke="#6b7280"
              strokeDasharray="6 4"
              ifOverflow="hidden"
              label={{ value: "break-even", position: "insideTopRight" }}
            />
            <Tooltip
              content={<PointTooltip />}
              wrapperStyle={{ zIndex: 10, pointerEvents: "none" }}
              isAnimationActive={false}
            />
            <Scatter
              name={PAYING.label}
              data={paying}
              fill={PAYING.color}
              shape="circle"
              onClick={open}
              cursor="pointer"
              hide={hidden.has(PAYING.key)}
              isAnimationActive={false}
            />
            <Scatter
              name={LOSING.label}
              data={losing}
              fill={LOSING.color}
              shape="triangle"
              onClick={open}
              cursor="pointer"
              hide={hidden.has(LOSING.key)}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" position="left" className={styles.label} />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {worst.length > 0 && (
        <figcaption className={styles.caption}>
          Costs more than it pays:{" "}
          {worst.map((p, i) => (
            <span key={p.href}>
              {i > 0 && ", "}
              <a href={p.href}>{p.name}</a>
            </span>
          ))}
          {losingClients > worst.length && ` and ${(losingClients - worst.length).toLocaleString("en-US")} more`}
          {log && `. On the log scale, amounts under ${compactUsd(LOG_FLOOR)} are drawn at ${compactUsd(LOG_FLOOR)}.`}
        </figcaption>
      )}
      <DataDetails
        className="chart-data"
        summary={`Chart data as a table (${
          points.length < clients
            ? `the ${points.length} clients plotted of ${clients.toLocaleString("en-US")}`
            : `${points.length} clients`
        })`}
      >
        <table>
          <caption className="sr-only">Revenue and labor cost per client (USD)</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col" className="num">
                Labor cost
              </th>
              <th scope="col">Costs more than it pays</th>
            </tr>
          </thead>
          <tbody>
            {plotted.map((p) => (
              <tr key={p.href}>
                <td>
                  <a href={p.href}>{p.name}</a>
                </td>
                <td className="num">{formatUsd(p.revenue)}</td>
                <td className="num">{formatUsd(p.laborCost)}</td>
                <td>{p.losing ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {points.length < clients && (
          <p className="muted">
            Plotted: the clients with the lowest margins and the largest by revenue or cost; the table below has them
            all.
          </p>
        )}
      </DataDetails>
    </figure>
  );
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const point = active ? (payload?.[0]?.payload as Plotted | undefined) : undefined;
  if (!point) return null;
  return (
    <div className={styles.tooltip}>
      <strong>{point.name}</strong>
      <div>Revenue {formatUsd(point.revenue)}</div>
      <div>Labor cost {formatUsd(point.laborCost)}</div>
    </div>
  );
}

function compactUsd(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  if (abs >= 1_000_000) return `${sign}$${(abs / 1_000_000).toFixed(1)}M`;
  if (abs >= 1_000) return `${sign}$${(abs / 1_000).toFixed(0)}k`;
  return `${sign}$${abs.toFixed(0)}`;
}

/** Where `v` sits along an axis from `domain[0]` (0) to `domain[1]` (1), on the axis's own scale. */
function share(v: number, domain: readonly [number, number], log: boolean): number {
  const f = log ? Math.log10 : (n: number) => n;
  const [lo, hi] = [f(domain[0]), f(domain[1])];
  return hi === lo ? 0 : (f(v) - lo) / (hi - lo);
}
