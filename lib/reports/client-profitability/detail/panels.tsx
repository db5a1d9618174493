import "server-only";
import type { User } from "../../../auth/roles";
import { SourceError } from "../../../db/errors";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { ResultTable } from "../../../ui/ResultTable";
import { toTableColumn } from "../../../ui/table-model";
import { runCached } from "../../cache";
import type { Column, Report, Row } from "../../types";
import { formatDecimal, formatUsd } from "../format";
import { clientName } from "../merge";
import type { ProfitabilityRow } from "../row";
import { MissingRatesWarning, Tile } from "../tiles";
import { isLosing } from "../totals";
import type { ClientMonthRow } from "./months";
import { MonthsChart } from "./months-chart";
import type { ClientDetailParams, clientDetailParams } from "./params";
import { clientMonthsReport, clientSummary, clientTechsReport, clientTicketsReport } from "./reports";

/**
 * The drill-down's panels: async server components, each running its own
 * report so each streams in on its own behind a <Suspense>.
 */
interface PanelProps {
  params: ClientDetailParams;
  /** The canonical query string of the page plus the client: the cache key of each panel's run. */
  canonical: URLSearchParams;
  user: User;
}

type Outcome<R> = { ok: true; rows: R[] } | { ok: false; error: SourceError };

async function run<R extends Row>(report: Report<typeof clientDetailParams, R>, p: PanelProps): Promise<Outcome<R>> {
  try {
    return { ok: true, rows: (await runCached(report, p.params, p.canonical, { user: p.user })).rows };
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, error };
    throw error;
  }
}

/** The shared table's columns; a report's columns are typed by its row, the table's by any row. */
function tableColumns<R extends Row>(report: Report<typeof clientDetailParams, R>) {
  return (report.columns as unknown as Column[]).map(toTableColumn);
}

export async function SummaryPanel(p: PanelProps & { fallbackName: string }) {
  const result = await run(clientSummary, p);
  if (!result.ok) return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const row = result.rows[0] as ProfitabilityRow | undefined;
  if (!row) {
    return (
      <>
        <h1>{p.fallbackName}</h1>
        <p className="empty">No hours and no revenue in scope for this client in the range.</p>
      </>
    );
  }
  return (
    <>
      <h1>
        {clientName(row)} {isLosing(row) && <span className="flag">costs more than it pays</span>}
      </h1>
      <p className="muted">
        {row.account_no ? `Billing account ${row.account_no}` : "No billing account"}
        {row.customers.length > 0 && ` · helpdesk customers: ${row.customers.join(", ")}`}
      </p>
      <dl className="tiles">
        <Tile label="Revenue" value={formatUsd(row.revenue)} />
        <Tile label="Labor cost" value={formatUsd(row.labor_cost)} />
        <Tile
          label="Margin"
          value={formatUsd(row.margin)}
          note={row.margin_pct === null ? undefined : `${formatDecimal(row.margin_pct)} % of revenue`}
        />
        <Tile
          label="Hours"
          value={formatDecimal(row.hours)}
          note={row.revenue_per_hour === null ? undefined : `${formatUsd(row.revenue_per_hour)} revenue per hour`}
        />
        <Tile label="Tickets" value={row.tickets.toLocaleString("en-US")} />
      </dl>
      <MissingRatesWarning count={row.missing_rates} />
    </>
  );
}

export async function MonthsPanel(p: PanelProps) {
  const result = await run(clientMonthsReport, p);
  if (!result.ok) return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const months = result.rows as ClientMonthRow[];
  return (
    <section aria-labelledby="months-heading">
      <h2 id="months-heading">By month</h2>
      <MonthsChart
        months={months.map((m) => ({ month: m.month, hours: m.hours, laborCost: m.labor_cost, revenue: m.revenue }))}
      />
      <ResultTable
        columns={tableColumns(clientMonthsReport)}
        rows={months}
        caption="Revenue per month: each line's share of a month is rounded on its own, so months may differ from the total by a cent."
      />
    </section>
  );
}

export async function TicketsPanel(p: PanelProps) {
  const result = await run(clientTicketsReport, p);
  if (!result.ok) return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  return (
    <section aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">Tickets with time in the range</h2>
      {result.rows.length === 0 ? (
        <p className="empty">No time was logged on this client's tickets in the range.</p>
      ) : (
        <ResultTable
          columns={tableColumns(clientTicketsReport)}
          rows={result.rows}
          caption="Tickets, costliest first"
        />
      )}
    </section>
  );
}

export async function TechsPanel(p: PanelProps) {
  const result = await run(clientTechsReport, p);
  if (!result.ok) return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  return (
    <section aria-labelledby="techs-heading">
      <h2 id="techs-heading">Who spent the time</h2>
      {result.rows.length === 0 ? (
        <p className="empty">No tech logged time for this client in the range.</p>
      ) : (
        <ResultTable columns={tableColumns(clientTechsReport)} rows={result.rows} caption="Techs, most hours first" />
      )}
    </section>
  );
}
