import type { User } from "../auth/roles";
import { requestSignal } from "../auth/session";
import { config } from "../db/config";
import { SourceError } from "../db/errors";
import type { Settled } from "../reports/page-run";
import { rowCapOf } from "../reports/run";
import { parseTableState, splitTableParams, type TableState, tableSearch } from "../reports/table-state";
import { chartSample, viewOf } from "../reports/table-view";
import { forViewer, type Report, type Row } from "../reports/types";
import { ErrorPanel } from "./ErrorPanel";
import { ReportChart } from "./ReportChart";
import { RunFacts } from "./RunFacts";
import { SqlView } from "./SqlView";
import { type RowExtras, toTableColumn } from "./table-model";
import { UrlTable } from "./UrlTable";

interface Props {
  report: Report;
  params: Record<string, unknown>;
  canonical: URLSearchParams;
  user: User;
  searchParams: Record<string, string | string[] | undefined>;
  /** The report's run, started by the page (page-run.ts startRun): audited, shared and cached there. */
  settled: Promise<Settled>;
}

/**
 * Waits for the report's run and shows everything about the result: facts, its own view,
 * chart, table, export and SQL. The whole result stays on the server (the
 * cache); the browser gets the table's one page (its sort, filters, hidden
 * columns and page from the URL), the totals over every matching row and at
 * most 500 chart points.
 */
export async function ReportResult({ report: full, params, canonical, user, searchParams, settled }: Props) {
  // Columns limited to some roles (money) are not in this viewer's table.
  const report = forViewer(full, user);
  const outcome = await settled;
  if ("error" in outcome) {
    const { error } = outcome;
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    if (requestSignal()?.aborted) return null; // the browser left: nobody will see this part of the page
    throw error;
  }
  const { run } = outcome;
  const { rows, truncated } = run;
  const cap = rowCapOf(report);
  const columns = report.columns.map(toTableColumn);
  const table = parseTableState(
    splitTableParams(searchParams).table,
    columns.map((c) => c.key),
  );
  const view = viewOf(rows, columns, table.state, config().LOOKBACK_TZ);
  const defaultHidden = columns.filter((c) => c.hidden).map((c) => c.key);
  // The columns the view hides (the link's, else the report's default). Only the visible columns' cells
  // travel: a hidden column's would only weigh the page down.
  const hidden = table.state.hidden ?? defaultHidden;
  const shownKeys = columns.map((c) => c.key).filter((key) => !hidden.includes(key));
  const exports = exportLinks(report.id, canonical, table.state, hidden, truncated);
  const View = report.View;
  return (
    <section aria-label="Result">
      <RunFacts
        durationMs={run.durationMs}
        rowCount={rows.length}
        cached={run.cached}
        sources={run.sources}
        summary={run.summary}
        lagWarnSeconds={config().LOOKBACK_LAG_WARN_SECONDS}
      />
      {truncated && (
        <div className="warn" role="status">
          Showing the first {cap.toLocaleString("en-US")} rows, in the report's order; more match these parameters.{" "}
          <a href={exports.all}>Export CSV for all rows</a>.
        </div>
      )}
      {table.issues.map((issue) => (
        <div key={`${issue.param}: ${issue.message}`} className="warn" role="status">
          The table's <code>{issue.param}</code> in this link {issue.message}; it was left out.
        </div>
      ))}
      {View && <View params={params} rows={rows} truncated={truncated} user={user} searchParams={searchParams} />}
      {rows.length === 0 ? (
        !report.viewSaysEmpty && <p className="empty">No rows: nothing in the data matches these parameters.</p>
      ) : (
        <>
          {report.chart && view.filtered.length > 0 && (
            <ReportChart
              spec={report.chart}
              rows={chartSample(view.filtered)}
              labels={Object.fromEntries(report.columns.map((c) => [c.key, c.label]))}
            />
          )}
          <div className="toolbar">
            <span className="spacer" />
            <a className="button secondary" href={exports.view} download>
              Export CSV
            </a>
            <a className="button secondary" href={exports.allColumns} download>
              All columns as CSV
            </a>
            <a className="button secondary" href={`/api/reports/${report.id}?${canonical}`}>
              JSON
            </a>
          </div>
          <UrlTable
            columns={columns}
            defaultHidden={defaultHidden}
            keys={shownKeys}
            cells={view.rows.map((row) => shownKeys.map((key) => row[key] ?? null))}
            extras={view.rows.map((row) => rowExtras(report, row, params))}
            totals={view.totals}
            rowCount={rows.length}
            matching={view.matching.length}
            page={view.page}
            pageCount={view.pageCount}
            caption={report.title}
          />
        </>
      )}
      <SqlView queries={run.queries} />
    </section>
  );
}

function rowExtras(report: Report, row: Row, params: Record<string, unknown>): RowExtras {
  const links: Record<string, string> = {};
  for (const c of report.columns) {
    const href = c.href?.(row);
    if (href) links[c.key] = href;
  }
  const drill = report.drill?.(row, params);
  const first = report.columns.find((c) => !c.hidden)?.key;
  if (drill && first && !links[first]) links[first] = drill;
  return { links, classes: report.cellClasses?.(row) };
}

/**
 * "Export CSV": what the view shows (filters, sort, visible columns, labels
 * as the header); "all columns": the same rows with every column. Both
 * stream. A result too big to hold whole cannot be sorted for export: its
 * links keep the filters and leave the sort out (rows in the report's order).
 */
function exportLinks(id: string, canonical: URLSearchParams, state: TableState, hidden: string[], truncated: boolean) {
  const link = (hiddenColumns: string[]) => {
    const table = tableSearch(
      { ...state, sort: truncated ? null : state.sort, hidden: hiddenColumns, page: 1, pageSize: state.pageSize },
      { paging: false },
    );
    return `/api/reports/${id}?${canonical}&${table}&format=csv`;
  };
  return {
    view: link(hidden),
    allColumns: link([]),
    all: `/api/reports/${id}?${canonical}&format=csv`,
  };
}
