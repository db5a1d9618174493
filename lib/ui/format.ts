import type { ColumnType } from "../reports/types";
import { localInputValue } from "./local-input";

/**
 * How a cell reads on screen. Numbers are grouped, money keeps its exact
 * cents (it arrives as a decimal string and is never turned into a float to
 * be shown) and always shows two decimals ("375,817.00", not "375,817"),
 * durations read as hours and minutes, percents with 2 decimals.
 */
export interface ColumnFormat {
  type: ColumnType;
  unit?: "seconds" | "minutes";
  /** A duration of work: hours and minutes, never days. */
  inHours?: boolean;
  fraction?: boolean;
  currency?: string;
}

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(["integer", "decimal", "money", "percent", "duration"]);

export function formatCell(value: unknown, column: ColumnFormat & { key?: string }): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.join(", ");
  switch (column.type) {
    case "integer":
      // Identifiers (ticket 55049, not "55,049") are quoted and searched as typed: no grouping.
      if (column.key !== undefined && isIdentifier(column.key)) return String(value);
      return typeof value === "number" ? value.toLocaleString("en-US") : String(value);
    case "decimal":
      return groupDecimal(String(value));
    case "money":
      return `${formatMoney(String(value))}${column.currency && column.currency !== "USD" ? ` ${column.currency}` : ""}`;
    case "percent": {
      const n = Number(value) * (column.fraction ? 100 : 1);
      return `${n.toFixed(2)} %`;
    }
    case "duration":
      return formatDuration(Number(value) * (column.unit === "minutes" ? 60 : 1), { work: column.inHours });
    case "date":
      return String(value);
    case "instant":
      return value instanceof Date ? value.toISOString() : String(value);
    default:
      return String(value);
  }
}

/** 1234567.5 → "1,234,567.50" without passing through a float. */
export function groupDecimal(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "0", fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction !== undefined ? `.${fraction}` : ""}`;
}

/**
 * A money amount as an exact decimal string with two decimals: whole amounts
 * get ".00", more decimals are kept as given (an hourly cost rate of
 * 61.125 is not rounded for display); the sign and grouping as groupDecimal.
 */
export function formatMoney(text: string): string {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  const [whole, fraction = ""] = trimmed.split(".");
  return groupDecimal(`${whole}.${fraction.padEnd(2, "0")}`);
}

/**
 * A duration as people read it: a wait in days and hours, hours and minutes, or minutes and seconds under
 * ten minutes ("2d 4h", "3h 5m", "4m 30s"); `work` (time logged) in hours and minutes only, never days
 * ("114h 24m", "45m": a day of logged time is not a working day).
 */
export function formatDuration(seconds: number, { work = false }: { work?: boolean } = {}): string {
  if (!Number.isFinite(seconds)) return "—";
  const negative = seconds < 0;
  let s = Math.round(Math.abs(seconds));
  const d = work ? 0 : Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  const underTen = m < 10 && !work ? [`${s - m * 60}s`] : [];
  const parts = d > 0 ? [`${d}d`, `${h}h`] : h > 0 ? [`${h}h`, `${m}m`] : [`${m}m`, ...underTen];
  return `${negative ? "−" : ""}${parts.join(" ")}`;
}

const isIdentifier = (key: string) => key === "id" || key.endsWith("_id");

/** 'YYYY-MM-DD HH:mm' of an instant in `timeZone`: the same text in Node and in any browser. */
export function formatInstant(date: Date, timeZone: string): string {
  return localInputValue(date, timeZone).slice(0, 16).replace("T", " ");
}
