import type { User } from "../auth/roles";
import { requestSignal } from "../auth/session";
import { config } from "../db/config";
import { SourceError } from "../db/errors";
import { runCached } from "../reports/cache";
import { columnsFor, type Report, type Row } from "../reports/types";
import { ErrorPanel } from "./ErrorPanel";
import { ReportChart } from "./ReportChart";
import { ResultTable } from "./ResultTable";
import { RunFacts } from "./RunFacts";
import { SqlView } from "./SqlView";
import { type RowExtras, toTableColumn } from "./table-model";

interface Props {
  report: Report;
  params: Record<string, unknown>;
  canonical: URLSearchParams;
  user: User;
  searchParams: Record<string, string | string[] | undefined>;
}

/**
 * Runs the report and shows everything about the result: facts, its own view,
 * chart, table, export and SQL.
 */
export async function ReportResult({ report, params, canonical, user, searchParams }: Props) {
  let run: Awaited<ReturnType<typeof runCached>>;
  try {
    // Audited, and cancelled when the browser goes away, by runCached.
    run = await runCached(report, params, canonical, { user });
  } catch (error) {
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    if (requestSignal()?.aborted) return null; // the browser left: nobody will see this part of the page
    throw error;
  }
  const { rows, truncated } = run;
  const cap = config().LOOKBACK_ROW_CAP;
  const exportHref = `/api/reports/${report.id}?${withFormat(canonical, "csv")}`;
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
          Showing the first {cap.toLocaleString("en-US")} rows of more than {cap.toLocaleString("en-US")}.{" "}
          <a href={exportHref}>Export CSV for all rows</a>.
        </div>
      )}
      {View && <View params={params} rows={rows} user={user} searchParams={searchParams} />}
      {rows.length === 0 ? (
        <p className="empty">No rows: nothing in the data matches these parameters.</p>
      ) : (
        <>
          {report.chart && (
            <ReportChart
              spec={report.chart}
              rows={rows}
              labels={Object.fromEntries(report.columns.map((c) => [c.key, c.label]))}
            />
          )}
          <div className="toolbar">
            <span className="spacer" />
            <a className="button secondary" href={exportHref} download>
              Export CSV
            </a>
            <a className="button secondary" href={`/api/reports/${report.id}?${canonical}`}>
              JSON
            </a>
          </div>
          <ResultTable
            columns={columnsFor(report, user).map(toTableColumn)}
            rows={rows}
            extras={rows.map((row) => rowExtras(report, row, params))}
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

function withFormat(canonical: URLSearchParams, format: string): string {
  const s = new URLSearchParams(canonical);
  s.set("format", format);
  return s.toString();
}
