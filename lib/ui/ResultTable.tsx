"use client";

import {
  type ColumnDef,
  columnFilteringFeature,
  columnVisibilityFeature,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import type { Row } from "../reports/types";
import { formatCell, NUMERIC_TYPES } from "./format";
import { Instant } from "./Instant";
import { columnTotal, compareCells, matchesFilter, type RowExtras, type TableColumn } from "./table-model";

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
});

type Def = ColumnDef<typeof features, Row>;

const PAGE_SIZES = [50, 100, 500, 1000];

/**
 * The result table every report shares: sort by a header, filter under each
 * header, show or hide columns, a sticky header and footer with totals, pages
 * of 100 rows so ten thousand stay smooth. Everything happens in the browser
 * on the rows the server sent; the URL holds the report's parameters.
 */
export function ResultTable({
  columns,
  rows,
  extras = [],
  caption,
}: {
  columns: TableColumn[];
  rows: Row[];
  /** Per row, by its index in `rows`. */
  extras?: RowExtras[];
  caption: string;
}) {
  const defs = useMemo<Def[]>(
    () =>
      columns.map((c) => ({
        id: c.key,
        accessorFn: (row: Row) => row[c.key],
        header: c.label,
        sortFn: (a, b, id) => compareCells(a.getValue(id), b.getValue(id), c),
        filterFn: (row, id, value) => matchesFilter(row.getValue(id), String(value ?? ""), c),
        sortDescFirst: NUMERIC_TYPES.has(c.type),
      })) as Def[],
    [columns],
  );
  const initialVisibility = useMemo(
    () => Object.fromEntries(columns.filter((c) => c.hidden).map((c) => [c.key, false])),
    [columns],
  );
  const table = useTable({
    features,
    columns: defs,
    data: rows,
    initialState: { columnVisibility: initialVisibility, pagination: { pageIndex: 0, pageSize: 100 } },
  });
  const visible = columns.filter((c) => table.getColumn(c.key)?.getIsVisible() ?? true);
  const filtered = table.getFilteredRowModel().rows.map((r) => r.original);
  const hasTotals = visible.some((c) => c.total);
  const pageCount = table.getPageCount();
  const pageIndex = table.state.pagination.pageIndex;

  return (
    <div>
      <div className="toolbar">
        <details className="columns-menu">
          <summary className="button secondary">Columns</summary>
          <div>
            {columns.map((c) => {
              const col = table.getColumn(c.key);
              return (
                <label key={c.key}>
                  <input
                    type="checkbox"
                    checked={col?.getIsVisible() ?? true}
                    onChange={(e) => col?.toggleVisibility(e.target.checked)}
                  />{" "}
                  {c.label}
                </label>
              );
            })}
          </div>
        </details>
        <span className="muted" aria-live="polite">
          {filtered.length === rows.length
            ? `${rows.length.toLocaleString("en-US")} rows`
            : `${filtered.length.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} rows match the filters`}
        </span>
      </div>
      <div className="table-wrap">
        <table className="results">
          <caption className="muted" style={{ captionSide: "bottom", textAlign: "left", padding: "0.4rem" }}>
            {caption}
          </caption>
          <thead>
            <tr>
              {visible.map((c) => {
                const col = table.getColumn(c.key);
                const sorted = col?.getIsSorted();
                return (
                  <th
                    key={c.key}
                    className={NUMERIC_TYPES.has(c.type) ? "num" : undefined}
                    title={c.description}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <button type="button" className="sort" onClick={col?.getToggleSortingHandler()}>
                      {c.label}
                      {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                    </button>
                  </th>
                );
              })}
            </tr>
            <tr className="filters">
              {visible.map((c) => {
                const col = table.getColumn(c.key);
                return (
                  <th key={c.key}>
                    <input
                      aria-label={`Filter ${c.label}`}
                      placeholder={NUMERIC_TYPES.has(c.type) ? ">0, 1..5" : "filter"}
                      value={String(col?.getFilterValue() ?? "")}
                      onChange={(e) => col?.setFilterValue(e.target.value || undefined)}
                    />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {visible.map((c) => (
                  <Cell key={c.key} column={c} row={row.original} extras={extras[row.index]} />
                ))}
              </tr>
            ))}
          </tbody>
          {hasTotals && (
            <tfoot>
              <tr>
                {visible.map((c, i) => {
                  const total = columnTotal(filtered, c);
                  return (
                    <td key={c.key} className={NUMERIC_TYPES.has(c.type) ? "num" : undefined}>
                      {total !== null
                        ? `${c.total === "median" ? "median " : ""}${formatCell(total, c)}`
                        : i === 0
                          ? "Total"
                          : ""}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="secondary"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            Previous
          </button>
          <span>
            Page {pageIndex + 1} of {pageCount}
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            Next
          </button>
          <label>
            Rows per page{" "}
            <select value={table.state.pagination.pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </div>
  );
}

function Cell({ column, row, extras }: { column: TableColumn; row: Row; extras: RowExtras | undefined }) {
  const value = row[column.key];
  const className = [NUMERIC_TYPES.has(column.type) ? "num" : "", extras?.classes?.[column.key] ?? ""].join(" ").trim();
  const content =
    column.type === "instant" && value !== null && value !== undefined ? (
      <Instant value={value as Date | string} />
    ) : (
      formatCell(value, column)
    );
  const href = extras?.links?.[column.key];
  return <td className={className || undefined}>{href ? <Link href={href}>{content}</Link> : content}</td>;
}
