import { differenceInCalendarDays, parseISO } from "date-fns";
import { type Column, defineReport } from "../../types";
import { loadProfitability } from "../query";
import { clientProfitability } from "../report";
import { LABOR_SETTINGS } from "../tuning";
import { type ClientDetailParams, clientDetailParams } from "./params";
import { type ClientProfileRow, clientMonths, clientProfile, clientTechs, clientTickets } from "./query";

/*
 * The client page (/clients/{client}?from=…&to=…&scope=…) as sub-reports of
 * client-profitability, one per panel, so each streams in on its own and each
 * passes the engine: the role check (managers, like the report: money), the
 * lane, the cache, View SQL, the audit line, the JSON/CSV API. The client in
 * the path must exist (a billing account, or a helpdesk customer): else 404.
 */
const common = {
  parent: clientProfitability.id,
  audience: "managers",
  roles: clientProfitability.roles,
  params: clientDetailParams,
  timeoutMs: clientProfitability.timeoutMs,
  settings: LABOR_SETTINGS,
  // One client is light; a long range prices a long run of days for every tech, like the report.
  heavy: (p: ClientDetailParams) => differenceInCalendarDays(parseISO(p.to), parseISO(p.from)) > 92,
} as const;

/** Who the client is; the page waits for it, so an unknown client is a 404 before anything streams. */
export const clientProfileReport = defineReport({
  ...common,
  id: "client-profile",
  title: "Client",
  description: "The client's billing account (and billing's name for it) and its helpdesk customers.",
  sources: ["helpdesk", "billing"],
  heavy: false,
  columns: [
    { key: "client", label: "Client", type: "text" },
    { key: "account_no", label: "Account", type: "text" },
    { key: "account", label: "Account name", type: "text" },
    { key: "customers", label: "Helpdesk customers", type: "text" },
    { key: "customer_id", label: "Customer id", type: "integer", hidden: true },
  ] satisfies Column<ClientProfileRow>[],
  query: clientProfile,
});

/** The client's row of the report, exactly as the report computes it. */
export const clientSummary = defineReport({
  ...common,
  id: "client-summary",
  title: "Client summary",
  description: "The client's row of client-profitability.",
  sources: ["helpdesk", "billing"],
  columns: clientProfitability.columns,
  query: (ctx, p) => loadProfitability(ctx, p, p.client),
});

export const clientMonthsReport = defineReport({
  ...common,
  id: "client-months",
  title: "Hours and revenue by month",
  description: "The client's hours, labor cost and revenue per month of the range.",
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "month", label: "Month", type: "text" },
    { key: "hours", label: "Hours", type: "decimal", total: { hoursOf: "minutes" } },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "revenue", label: "Revenue", type: "money", total: "sum" },
    { key: "margin", label: "Margin", type: "money", total: "sum" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum", hidden: true },
  ],
  query: clientMonths,
});

export const clientTicketsReport = defineReport({
  ...common,
  id: "client-tickets",
  title: "Tickets",
  description: "The client's tickets with time in the range, costliest first.",
  // fx rates come from billing
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "hours", label: "Hours", type: "decimal", total: { hoursOf: "minutes" } },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "entries", label: "Entries", type: "integer", total: "sum" },
    { key: "missing_rates", label: "Entries without rate", type: "integer", total: "sum" },
    { key: "techs", label: "Techs", type: "text" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum", hidden: true },
  ],
  query: clientTickets,
});

export const clientTechsReport = defineReport({
  ...common,
  id: "client-techs",
  title: "Techs",
  description: "Who spent the client's time in the range, most hours first.",
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "login", label: "Tech", type: "text" },
    { key: "full_name", label: "Name", type: "text" },
    { key: "hours", label: "Hours", type: "decimal", total: { hoursOf: "minutes" } },
    { key: "hours_share", label: "Share of hours %", type: "decimal" },
    { key: "labor_cost", label: "Labor cost", type: "money", total: "sum" },
    { key: "tickets", label: "Tickets", type: "integer" },
    { key: "entries", label: "Entries", type: "integer", total: "sum" },
    { key: "missing_rates", label: "Entries without rate", type: "integer", total: "sum" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum", hidden: true },
  ],
  query: clientTechs,
});

/** The client page's sub-reports, for the registry. */
export const clientPageReports = [
  clientProfileReport,
  clientSummary,
  clientMonthsReport,
  clientTicketsReport,
  clientTechsReport,
] as const;
