import { columnTotals, compareCells, matchesFilter, type TableColumn } from "../ui/table-model";
import type { TableState } from "./table-state";
import type { Row } from "./types";

/**
 * One view of a stored result: its rows filtered and sorted as the table
 * state says, the totals over every matching row, and one page of them.
 * The result itself is never copied or re-run: a page is a slice of the
 * filtered, sorted order, which is kept beside the result (a WeakMap on its
 * rows, so it goes when the cached result goes) for the next page.
 */
export interface TableView<R extends Row = Row> {
  /** Rows matching the filters, in the view's order. */
  matching: R[];
  /** The same rows in the result's own order: what a chart draws. */
  filtered: R[];
  /** The page's rows. */
  rows: R[];
  /** The page actually shown: the asked one, or the last when it asked past the end. */
  page: number;
  pageCount: number;
  totals: Record<string, string | number | null>;
}

interface Ordered {
  matching: Row[];
  filtered: Row[];
  totals: Record<string, string | number | null>;
}

const orders = new WeakMap<readonly Row[], Map<string, Ordered>>();
const KEPT_ORDERS = 20;

export function viewOf<R extends Row>(
  rows: readonly R[],
  columns: readonly TableColumn[],
  state: TableState,
  /** The reporting zone, in which instants show and are filtered. */
  timeZone: string,
): TableView<R> {
  const ordered = orderedRows(rows, columns, state, timeZone);
  const pageCount = Math.max(1, Math.ceil(ordered.matching.length / state.pageSize));
  const page = Math.min(state.page, pageCount);
  const start = (page - 1) * state.pageSize;
  return {
    matching: ordered.matching as R[],
    filtered: ordered.filtered as R[],
    rows: ordered.matching.slice(start, start + state.pageSize) as R[],
    page,
    pageCount,
    totals: ordered.totals,
  };
}

function orderedRows(
  rows: readonly Row[],
  columns: readonly TableColumn[],
  state: TableState,
  timeZone: string,
): Ordered {
  const key = JSON.stringify([state.sort, Object.entries(state.filters), timeZone]);
  let kept = orders.get(rows);
  const hit = kept?.get(key);
  if (hit) return hit;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const filters = Object.entries(state.filters).flatMap(([k, text]) => {
    const column = byKey.get(k);
    return column ? [{ column, text }] : [];
  });
  const filtered =
    filters.length === 0
      ? [...rows]
      : rows.filter((row) =>
          filters.every(({ column, text }) => matchesFilter(row[column.key], text, column, timeZone)),
        );
  const sortColumn = state.sort ? byKey.get(state.sort.key) : undefined;
  const matching = sortColumn && state.sort ? sortRows(filtered, sortColumn, state.sort.desc) : filtered;
  const result = { matching, filtered, totals: columnTotals(filtered, columns) };
  if (!kept) {
    kept = new Map();
    orders.set(rows, kept);
  }
  if (kept.size >= KEPT_ORDERS) kept.delete(kept.keys().next().value as string);
  kept.set(key, result);
  return result;
}

/** A cell that shows nothing: null, or an empty list (a certificate without alternative names). */
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * A stable sort by one column. Empty cells stay last in both directions (an
 * empty cell is never "the largest"); numeric columns compare as numbers
 * first (cheap), and exact decimals only break ties a float cannot tell.
 */
function sortRows(rows: Row[], column: TableColumn, desc: boolean): Row[] {
  const numeric = column.type === "money" || column.type === "decimal";
  const keyed = rows.map((row, i) => ({ row, i, n: numeric ? Number(row[column.key]) : 0 }));
  const sign = desc ? -1 : 1;
  keyed.sort((a, b) => {
    const va = a.row[column.key];
    const vb = b.row[column.key];
    const aNull = isEmpty(va);
    const bNull = isEmpty(vb);
    if (aNull || bNull) return aNull && bNull ? a.i - b.i : aNull ? 1 : -1;
    const c = numeric && a.n !== b.n ? a.n - b.n : compareCells(va, vb, column);
    return c !== 0 ? sign * c : a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

/**
 * What a chart can show of many rows: at most `max` points, evenly spread
 * over the matching rows in the result's own order (a line over days stays
 * a line), first and last always kept.
 */
export function chartSample<R extends Row>(rows: readonly R[], max = 500): R[] {
  if (rows.length <= max) return [...rows];
  const step = (rows.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => rows[Math.round(i * step)] as R);
}
