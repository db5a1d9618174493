"use client";

import Link from "next/link";
import { useId, useMemo, useRef, useState } from "react";
import { DEFAULT_PAGE_SIZE, type Sort } from "../reports/table-state";
import { viewOf } from "../reports/table-view";
import type { Row } from "../reports/types";
import { formatCell, NUMERIC_TYPES } from "./format";
import { Instant, useReportingZone } from "./Instant";
import styles from "./ResultTable.module.css";
import type { RowExtras, TableColumn } from "./table-model";

const PAGE_SIZES = [50, 100, 500, 1000];

/** What the table shows, wherever it was worked out (the server for reports, the browser for small tables). */
export interface TableViewProps {
  columns: TableColumn[];
  hidden: ReadonlySet<string>;
  /** The page's rows and, by the same index, their links and highlights. */
  rows: Row[];
  extras: (RowExtras | undefined)[];
  totals: Record<string, string | number | null>;
  sort: Sort | null;
  filters: Record<string, string>;
  /** Rows in the whole result, and those matching the filters. */
  rowCount: number;
  matching: number;
  page: number;
  pageCount: number;
  pageSize: number;
  caption: string;
  /** While a new view is on its way from the server. */
  pending?: boolean;
  on: {
    sort(key: string): void;
    filter(key: string, text: string): void;
    visible(key: string, visible: boolean): void;
    page(page: number): void;
    pageSize(size: number): void;
  };
}

/**
 * The result table every report shares: sort by a header, filter under each
 * header, show or hide columns, a sticky header and footer with totals over
 * every matching row, pages. Report pages drive it from the URL with one
 * page of rows from the server (UrlTable); small tables drive it here (ResultTable).
 */
export function TableView(props: TableViewProps) {
  const { columns, hidden, rows, extras, totals, sort, filters, caption, on } = props;
  const visible = columns.filter((c) => !hidden.has(c.key));
  const hasTotals = visible.some((c) => c.total);
  // The footer's name: "Median" when every figure in it is one (the scorecard's), else "Total".
  const footerName = visible.every((c) => !c.total || c.total === "median") ? "Median" : "Total";
  const describe = useId();
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <div>
      <div className="toolbar">
        <details
          className="columns-menu"
          ref={menu}
          onKeyDown={(e) => {
            // Escape closes the menu and gives the focus back to its button, as a menu should.
            if (e.key === "Escape" && menu.current?.open) {
              menu.current.open = false;
              menu.current.querySelector("summary")?.focus();
            }
          }}
        >
          <summary className="button secondary">Columns</summary>
          <div>
            {columns.map((c) => (
              <label key={c.key}>
                <input
                  type="checkbox"
                  checked={!hidden.has(c.key)}
                  onChange={(e) => on.visible(c.key, e.target.checked)}
                />{" "}
                {c.label}
              </label>
            ))}
          </div>
        </details>
        <span className="muted" aria-live="polite">
          {props.matching === props.rowCount
            ? rowsText(props.rowCount)
            : `${props.matching.toLocaleString("en-US")} of ${rowsText(props.rowCount)} match the filters`}
        </span>
      </div>
      {/* Focusable and named, so a keyboard can scroll a table wider than the screen. */}
      <section
        className={`table-wrap ${styles.wrap}`}
        aria-label={`${caption}: table`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
        tabIndex={0}
        aria-busy={props.pending || undefined}
      >
        <table className="results">
          <caption className="muted" style={{ captionSide: "bottom", textAlign: "left", padding: "0.4rem" }}>
            {caption}
          </caption>
          <thead>
            <tr>
              {visible.map((c) => {
                const sorted = sort?.key === c.key ? (sort.desc ? "desc" : "asc") : undefined;
                return (
                  <th
                    key={c.key}
                    className={NUMERIC_TYPES.has(c.type) ? "num" : undefined}
                    title={c.description}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <button
                      type="button"
                      className={`sort ${styles.sort}`}
                      onClick={() => on.sort(c.key)}
                      aria-describedby={c.description ? `${describe}-${c.key}` : undefined}
                    >
                      {c.label}
                      {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                    </button>
                    {c.description && (
                      <span id={`${describe}-${c.key}`} hidden>
                        {c.description}
                      </span>
                    )}
                  </th>
                );
              })}
            </tr>
            <tr className="filters">
              {visible.map((c) => (
                <th key={c.key}>
                  <input
                    aria-label={`Filter ${c.label}`}
                    placeholder={NUMERIC_TYPES.has(c.type) ? ">0, 1..5" : "filter"}
                    value={filters[c.key] ?? ""}
                    onChange={(e) => on.filter(c.key, e.target.value)}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; a page is redrawn whole
              <tr key={i}>
                {visible.map((c) => (
                  <Cell key={c.key} column={c} row={row} extras={extras[i]} />
                ))}
              </tr>
            ))}
          </tbody>
          {hasTotals && (
            <tfoot>
              <tr>
                {visible.map((c, i) => {
                  const total = totals[c.key] ?? null;
                  return (
                    <td key={c.key} className={NUMERIC_TYPES.has(c.type) ? "num" : undefined}>
                      {total !== null
                        ? `${c.total === "median" && footerName === "Total" ? "median " : ""}${formatCell(total, c)}`
                        : i === 0
                          ? footerName
                          : ""}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          )}
        </table>
      </section>
      {(props.pageCount > 1 || props.pageSize !== DEFAULT_PAGE_SIZE) && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="secondary"
            onClick={() => on.page(props.page - 1)}
            disabled={props.page <= 1}
          >
            Previous
          </button>
          <span>
            Page {props.page} of {props.pageCount}
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => on.page(props.page + 1)}
            disabled={props.page >= props.pageCount}
          >
            Next
          </button>
          <label>
            Rows per page{" "}
            <select value={props.pageSize} onChange={(e) => on.pageSize(Number(e.target.value))}>
              {[...new Set([...PAGE_SIZES, props.pageSize])]
                .sort((a, b) => a - b)
                .map((n) => (
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

export function rowsText(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;
}

/** The next sort when a header is pressed: numbers start descending, text ascending; a third press clears. */
export function nextSort(current: Sort | null, column: TableColumn): Sort | null {
  const firstDesc = NUMERIC_TYPES.has(column.type);
  if (current?.key !== column.key) return { key: column.key, desc: firstDesc };
  if (current.desc === firstDesc) return { key: column.key, desc: !firstDesc };
  return null;
}

/**
 * The table over rows the browser already has (small tables inside a
 * report's own view: a client's months, what changed in a queue). Same
 * looks and controls as a report's table; the state lives here, not in the URL.
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
  const [sort, setSort] = useState<Sort | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [hidden, setHidden] = useState<ReadonlySet<string>>(
    () => new Set(columns.filter((c) => c.hidden).map((c) => c.key)),
  );
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const zone = useReportingZone();
  const extrasOf = useMemo(() => new Map(rows.map((row, i) => [row, extras[i]])), [rows, extras]);
  const view = viewOf(rows, columns, { sort, filters, hidden: null, page, pageSize }, zone);
  return (
    <TableView
      columns={columns}
      hidden={hidden}
      rows={view.rows}
      extras={view.rows.map((row) => extrasOf.get(row))}
      totals={view.totals}
      sort={sort}
      filters={filters}
      rowCount={rows.length}
      matching={view.matching.length}
      page={view.page}
      pageCount={view.pageCount}
      pageSize={pageSize}
      caption={caption}
      on={{
        sort: (key) => {
          const column = columns.find((c) => c.key === key);
          if (column) setSort(nextSort(sort, column));
          setPage(1);
        },
        filter: (key, text) => {
          setFilters({ ...filters, [key]: text });
          setPage(1);
        },
        visible: (key, show) => {
          const next = new Set(hidden);
          if (show) next.delete(key);
          else next.add(key);
          setHidden(next);
        },
        page: setPage,
        pageSize: (size) => {
          setPageSize(size);
          setPage(1);
        },
      }}
    />
  );
}

function Cell({ column, row, extras }: { column: TableColumn; row: Row; extras: RowExtras | undefined }) {
  const value = row[column.key];
  // Numbers align right; an instant or a date stays on one line (wrapped, "2026-12-05 19:37 UTC" is four).
  const shape = NUMERIC_TYPES.has(column.type)
    ? "num"
    : column.type === "instant" || column.type === "date"
      ? "when"
      : "";
  const className = [shape, extras?.classes?.[column.key] ?? ""].join(" ").trim();
  const content =
    column.type === "instant" && value !== null && value !== undefined ? (
      <Instant value={value as Date | string} />
    ) : (
      formatCell(value, column)
    );
  const href = extras?.links?.[column.key];
  return <td className={className || undefined}>{href ? <Link href={href}>{content}</Link> : content}</td>;
}
