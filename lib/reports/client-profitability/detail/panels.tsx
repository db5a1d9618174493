import "server-only";
import { Suspense } from "react";
import type { User } from "../../../auth/roles";
import { SourceError } from "../../../db/errors";
import type { RawParams } from "../../../params/parse";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { ResultTable } from "../../../ui/ResultTable";
import { SqlView } from "../../../ui/SqlView";
import { toTableColumn } from "../../../ui/table-model";
import { ticketUrl } from "../../../ui/ticket-link";
import { runForPage } from "../../page-run";
import type { ExecutedQuery } from "../../run";
import type { Column, Report, Row } from "../../types";
import type { ProfitabilityRow } from "../row";
import { MissingRatesWarning, MoneyTiles, Tile } from "../tiles";
import { isLosing } from "../totals";
import { MonthsChart } from "./months-chart";
import type { clientDetailParams } from "./params";
import type { ClientMonthRow, ClientProfileRow } from "./query";
import { clientMonthsReport, clientSummary, clientTechsReport, clientTicketsReport } from "./report";

/**
 * The client page's panels: async server components, each running its own
 * sub-report (report.ts) through runForPage, behind its own <Suspense>, so
 * each shows as soon as its numbers are in. `input` is the page's query plus
 * the client from its path.
 */
export interface PanelProps {
  input: RawParams;
  user: User;
  /** The page's days, for links to the techs' pages over the same days. */
  range: { from: string; to: string };
}

type Outcome<R> = { ok: true; rows: R[]; queries: ExecutedQuery[] } | { ok: false; error: SourceError };

async function run<R extends Row>(report: Report<typeof clientDetailParams, R>, p: PanelProps): Promise<Outcome<R>> {
  const result = await runForPage(report, p.input, p.user);
  if (result.kind === "ok") return { ok: true, rows: result.run.rows, queries: result.run.queries };
  if (result.kind === "failed") return { ok: false, error: result.error };
  const message = result.issues.map((i) => `${i.param} ${i.message}`).join("; ");
  return { ok: false, error: new SourceError("invalid_params", "helpdesk", message || "Bad parameters") };
}

/** The shared table's columns; a report's columns are typed by its row, the table's by any row. */
function tableColumns<R extends Row>(report: Report<typeof clientDetailParams, R>) {
  return (report.columns as unknown as Column[]).map(toTableColumn);
}

/** Who the client is: shown at once (the page has already run it, for its 404); the flag streams in. */
export function ClientHeader({ profile, panel }: { profile: ClientProfileRow; panel: PanelProps }) {
  return (
    <>
      <h1>
        {profile.account ?? (profile.customers.join(", ") || profile.client)}{" "}
        <Suspense fallback={null}>
          <LosingFlag {...panel} />
        </Suspense>
      </h1>
      <p className="muted">
        {profile.account_no ? `Billing account ${profile.account_no}` : "No billing account"}
        {profile.customers.length > 0 && ` · helpdesk customers: ${profile.customers.join(", ")}`}
      </p>
    </>
  );
}

/** The same run as SummaryPanel's (the cache shares one query), so the heading need not wait for it. */
async function LosingFlag(p: PanelProps) {
  const result = await run(clientSummary, p);
  const row = result.ok ? (result.rows[0] as ProfitabilityRow | undefined) : undefined;
  return row && isLosing(row) ? <span className="flag">costs more than it pays</span> : null;
}

export async function SummaryPanel(p: PanelProps) {
  const result = await run(clientSummary, p);
  if (!result.ok) return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const row = result.rows[0] as ProfitabilityRow | undefined;
  if (!row) {
    return (
      <section aria-label="Totals">
        <p className="empty">No hours and no revenue in scope for this client in the range.</p>
        <SqlView queries={result.queries} />
      </section>
    );
  }
  return (
    <section aria-label="Totals">
      <MoneyTiles
        money={{
          revenue: row.revenue,
          laborCost: row.labor_cost,
          margin: row.margin,
          marginPct: row.margin_pct,
          hours: row.hours,
          revenuePerHour: row.revenue_per_hour,
        }}
      >
        <Tile label="Tickets" value={row.tickets.toLocaleString("en-US")} />
      </MoneyTiles>
      <MissingRatesWarning count={row.missing_rates} />
      <SqlView queries={result.queries} />
    </section>
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
        caption="Revenue per month: each invoice line's revenue split at month ends; the months add up to the client's revenue."
      />
      <SqlView queries={result.queries} />
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
          extras={result.rows.map((r) => {
            const href = ticketUrl(r.ticket_id);
            return { links: href ? { ticket_id: href } : undefined };
          })}
          caption="Tickets, costliest first"
        />
      )}
      <SqlView queries={result.queries} />
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
        <ResultTable
          columns={tableColumns(clientTechsReport)}
          rows={result.rows}
          // The tech page's route (app/techs/[login]) over the same days.
          extras={result.rows.map((r) => ({
            links: { login: `/techs/${encodeURIComponent(r.login)}?${new URLSearchParams(p.range)}` },
          }))}
          caption="Techs, most hours first"
        />
      )}
      <SqlView queries={result.queries} />
    </section>
  );
}
