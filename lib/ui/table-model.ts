import Decimal from "decimal.js";
import { hoursOf } from "../money";
import type { Column, Row } from "../reports/types";
import { type ColumnFormat, formatCell, formatInstant, NUMERIC_TYPES } from "./format";

/** A column as it crosses to the browser: no functions. */
export type TableColumn = Pick<
  Column,
  "key" | "label" | "type" | "unit" | "inHours" | "fraction" | "currency" | "total" | "hidden" | "description"
>;

/** What the server works out for each row beside its values: where cells link to, and cell highlights (CSS classes). */
export interface RowExtras {
  links?: Record<string, string>;
  classes?: Record<string, string>;
}

export function toTableColumn(c: Column): TableColumn {
  const { href: _href, ...rest } = c as Column & { href?: unknown };
  return rest;
}

/**
 * Filter text typed under a header. Numeric columns take comparisons
 * (`>10`, `<=2.5`, `=3`, `10..20`); everything else matches a substring of
 * what the cell shows, ignoring case. An instant shows in the reporting zone
 * `timeZone` ("2026-01-05 19:37"), so a day typed is that zone's day; text
 * written as ISO ("2026-01-06T01:00") matches its ISO form, the API's (UTC).
 */
export function matchesFilter(value: unknown, filter: string, column: ColumnFormat, timeZone: string): boolean {
  const f = filter.trim();
  if (f === "") return true;
  if (NUMERIC_TYPES.has(column.type) && value !== null && value !== undefined) {
    // A share kept as a fraction shows as a percent (0.45 as "45.00 %"): what is typed is compared with that.
    const n = column.fraction ? new Decimal(String(value)).times(100).toNumber() : Number(value);
    const range = /^(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)$/.exec(f);
    if (range) return n >= Number(range[1]) && n <= Number(range[2]);
    const cmp = /^(>=|<=|>|<|=)\s*(-?[\d.]+)$/.exec(f);
    if (cmp) {
      const x = Number(cmp[2]);
      switch (cmp[1]) {
        case ">":
          return n > x;
        case "<":
          return n < x;
        case ">=":
          return n >= x;
        case "<=":
          return n <= x;
        default:
          return n === x;
      }
    }
  }
  const text = f.toLowerCase();
  if (column.type === "instant" && value !== null && value !== undefined) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (!Number.isNaN(date.getTime())) {
      // The ISO form only for text written as one ("2026-01-06T01"): a bare day is the zone's day.
      const iso = /[tz]/.test(text) && date.toISOString().toLowerCase().includes(text);
      return iso || `${formatInstant(date, timeZone)} ${timeZone}`.toLowerCase().includes(text);
    }
  }
  return (
    formatCell(value, column).toLowerCase().includes(text) ||
    String(value ?? "")
      .toLowerCase()
      .includes(text)
  );
}

/** Footer total of one column over the given rows: exact sums, medians as numbers. */
export function columnTotal(rows: readonly Row[], column: TableColumn): string | number | null {
  if (column.total === "median") return median(cellsOf(rows, column.key).map(Number));
  return column.total ? columnSum(rows, column) : null;
}

/**
 * A column's sum over the rows, as its footer and an alert's "total" read it: exact decimal sums (money
 * with its cents, "450.00"), and hours from their minutes (`total: { hoursOf }`), not from rounded hours.
 */
export function columnSum(rows: readonly Row[], column: TableColumn): string | number {
  const count = (key: string) => cellsOf(rows, key).reduce<number>((a, v) => a + Number(v), 0);
  if (typeof column.total === "object") return hoursOf(count(column.total.hoursOf));
  if (column.type === "integer" || column.type === "duration") return count(column.key);
  const sum = cellsOf(rows, column.key).reduce<Decimal>((a, v) => a.plus(new Decimal(String(v))), new Decimal(0));
  return column.type === "money" ? sum.toFixed(2) : sum.toFixed();
}

/** The column's cells that hold a value (empty ones take no part in a total). */
function cellsOf(rows: readonly Row[], key: string): unknown[] {
  return rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined && v !== "");
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The footer totals of the given rows, by column key (columns without a total are left out). */
export function columnTotals(
  rows: readonly Row[],
  columns: readonly TableColumn[],
): Record<string, string | number | null> {
  return Object.fromEntries(columns.filter((c) => c.total).map((c) => [c.key, columnTotal(rows, c)]));
}

/** Sort order for cell values: numbers and decimal strings by value, nulls last, text by locale. */
export function compareCells(a: unknown, b: unknown, column: ColumnFormat): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (NUMERIC_TYPES.has(column.type)) {
    if (column.type === "money" || column.type === "decimal") return new Decimal(String(a)).cmp(new Decimal(String(b)));
    return Number(a) - Number(b);
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return String(a).localeCompare(String(b), "en", { numeric: true });
}
