"use client";

import { debounce, useQueryStates } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useMemo, useTransition } from "react";
import { tableParsers } from "../reports/table-state";
import type { Row } from "../reports/types";
import { nextSort, TableView, type TableViewProps } from "./ResultTable";

type Props = Omit<TableViewProps, "on" | "pending" | "sort" | "filters" | "hidden" | "pageSize" | "rows"> & {
  /** The report's default hidden columns, used while the URL says nothing about them. */
  defaultHidden: string[];
  /**
   * The page's rows as arrays of cells in the order of `keys` (the visible
   * columns): a row's column names are not repeated in the page for each row.
   */
  keys: string[];
  cells: unknown[][];
};

/**
 * A report's table driven by the URL (nuqs): every control writes the
 * table's state into the address (see lib/reports/table-state.ts), and the
 * server answers with that page of that view. So a reload or a shared link
 * shows exactly the same rows, and the browser only ever holds one page.
 */
export function UrlTable(props: Props) {
  return (
    <NuqsAdapter>
      <Controlled {...props} />
    </NuqsAdapter>
  );
}

function Controlled({ defaultHidden, keys, cells, ...props }: Props) {
  const [pending, startTransition] = useTransition();
  const rows = useMemo(() => cells.map((row) => rowOf(keys, row)), [keys, cells]);
  const [state, setState] = useQueryStates(tableParsers, { shallow: false, scroll: false, startTransition });
  const filters = Object.fromEntries(
    state.filter.map((f) => [f.slice(0, f.indexOf(":")), f.slice(f.indexOf(":") + 1)] as const),
  );
  const hidden = new Set(state.hide ?? defaultHidden);
  return (
    <TableView
      {...props}
      rows={rows}
      hidden={hidden}
      sort={state.sort}
      filters={filters}
      pageSize={state.pageSize}
      // The page asked for, shown (and stepped from) at once while the server prepares it.
      page={Math.min(state.page, props.pageCount)}
      pending={pending}
      on={{
        sort: (key) => {
          const column = props.columns.find((c) => c.key === key);
          if (column) void setState({ sort: nextSort(state.sort, column), page: null });
        },
        filter: (key, text) => {
          const next = { ...filters, [key]: text };
          void setState(
            {
              filter: Object.entries(next)
                .filter(([, v]) => v !== "")
                .map(([k, v]) => `${k}:${v}`),
              page: null,
            },
            // Typing asks the server once the typist pauses, not at every key.
            { limitUrlUpdates: debounce(400) },
          );
        },
        visible: (key, show) => {
          if (show) hidden.delete(key);
          else hidden.add(key);
          void setState({ hide: props.columns.map((c) => c.key).filter((k) => hidden.has(k)) });
        },
        page: (page) => void setState({ page: page <= 1 ? null : page }),
        pageSize: (size) => void setState({ pageSize: size, page: null }),
      }}
    />
  );
}

function rowOf(keys: readonly string[], cells: readonly unknown[]): Row {
  const row: Row = {};
  keys.forEach((key, i) => {
    row[key] = cells[i] as Row[string];
  });
  return row;
}
