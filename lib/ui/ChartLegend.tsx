"use client";

import { seriesColor } from "./palette";

export interface LegendItem {
  key: string;
  label: string;
  color?: string;
  /** A marker shape for series told apart by shape as well as colour. */
  marker?: "line" | "circle" | "triangle";
}

/**
 * A chart legend of real buttons: a click, Enter or Space hides or shows a
 * series (aria-pressed says which), and it sits above the plot, so a tooltip
 * never covers it.
 */
export function ChartLegend({
  items,
  hidden,
  onToggle,
}: {
  items: LegendItem[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
}) {
  return (
    <ul className="chart-legend" aria-label="Series (press to hide or show)">
      {items.map((item, i) => {
        const shown = !hidden.has(item.key);
        const color = item.color ?? seriesColor(i);
        return (
          <li key={item.key}>
            <button type="button" aria-pressed={shown} onClick={() => onToggle(item.key)}>
              <svg width="14" height="10" aria-hidden="true" className="chart-legend-marker">
                {item.marker === "triangle" ? (
                  <polygon points="7,0 14,10 0,10" fill={color} />
                ) : item.marker === "circle" ? (
                  <circle cx="7" cy="5" r="4.5" fill={color} />
                ) : (
                  <rect x="0" y="3" width="14" height="4" fill={color} />
                )}
              </svg>
              {item.label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The hidden-series state every chart keeps. */
export function toggled(hidden: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(hidden);
  if (!next.delete(key)) next.add(key);
  return next;
}
