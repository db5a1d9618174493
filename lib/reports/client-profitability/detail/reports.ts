import { defineReport } from "../../types";
import { loadProfitability } from "../query";
import { clientProfitability } from "../report";
import { clientMonths } from "./months";
import { clientDetailParams } from "./params";
import { clientTechs } from "./techs";
import { clientTickets } from "./tickets";

/*
 * The drill-down's four panels, each a report of its own (not in the
 * registry: they exist for the /clients page) so each runs through
 * runReport like every report: read-only snapshots, its own
 * application_name, statement timeout and SQL log. Same roles as the report.
 */
const common = {
  audience: "managers",
  roles: clientProfitability.roles,
  params: clientDetailParams,
  timeoutMs: clientProfitability.timeoutMs,
} as const;

/** The client's row of the report, exactly as the report computes it. */
export const clientSummary = defineReport({
  ...common,
  id: "client-profitability-summary",
  title: "Client summary",
  description: "The client's row of client-profitability.",
  sources: ["helpdesk", "billing"],
  columns: clientProfitability.columns,
  query: (ctx, p) => loadProfitability(ctx, p, p.client),
});

export const clientMonthsReport = defineReport({
  ...common,
  id: "client-profitability-months",
  title: "Hours and revenue by month",
  description: "The client's hours, labor cost and revenue per month of the range.",
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "month", label: "Month", type: "text" },
    { key: "hours", label: "Hours", type: "decimal" },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "revenue", label: "Revenue", type: "money", total: "sum" },
    { key: "margin", label: "Margin", type: "money", total: "sum" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", total: "sum", hidden: true },
  ],
  query: clientMonths,
});

export const clientTicketsReport = defineReport({
  ...common,
  id: "client-profitability-tickets",
  title: "Tickets",
  description: "The client's tickets with time in the range, costliest first.",
  // fx rates come from billing
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "hours", label: "Hours", type: "decimal" },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "entries", label: "Entries", type: "integer", total: "sum" },
    { key: "missing_rates", label: "Entries without rate", type: "integer", total: "sum" },
    { key: "techs", label: "Techs", type: "text" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", total: "sum", hidden: true },
  ],
  query: clientTickets,
});

export const clientTechsReport = defineReport({
  ...common,
  id: "client-profitability-techs",
  title: "Techs",
  description: "Who spent the client's time in the range, most hours first.",
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "login", label: "Tech", type: "text" },
    { key: "full_name", label: "Name", type: "text" },
    { key: "hours", label: "Hours", type: "decimal" },
    { key: "hours_share", label: "Share of hours %", type: "decimal" },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "tickets", label: "Tickets", type: "integer" },
    { key: "entries", label: "Entries", type: "integer", total: "sum" },
    { key: "missing_rates", label: "Entries without rate", type: "integer", total: "sum" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", total: "sum", hidden: true },
  ],
  query: clientTechs,
});
