import { defineReport } from "../types";
import { clientHref } from "./client-key";
import { profitabilityParams } from "./params";
import { loadProfitability } from "./query";
import { isLosing } from "./totals";
import { LABOR_SETTINGS } from "./tuning";
import { ProfitabilityView } from "./view";

/**
 * Hours × rate against revenue, per client, across the two databases: labor
 * cost from helpdesk, revenue from billing, merged by account number in
 * TypeScript (see load.ts). Definition: shared/report-definitions.md.
 */
export const clientProfitability = defineReport({
  id: "client-profitability",
  title: "Client profitability",
  description:
    "Which clients take the most of our time and bring the least money, in USD, worst margin first. " +
    "One row per billing account with an in-scope invoice line earning in the range or with hours in the range, " +
    "plus one per helpdesk customer without an account that has hours. An account's customers are every helpdesk customer on it. " +
    "Hours: every time entry (billable or not) whose start is in the range, in the reporting time zone. " +
    "Labor cost: each entry's minutes / 60 × the tech's hourly cost in force on the entry's date (its start's date in the reporting time zone), " +
    "converted with the fx rate in force that date, rounded to the cent per entry; entries with no cost rate in force count 0 and are counted in missing_rates. " +
    "Revenue: lines of open and paid invoices (never draft or void) for products in scope (support: retainer and hourly; or all). " +
    "A line with a service period (both dates set, from ≤ to) earns amount × its days inside the range / its days, whenever it was invoiced; " +
    "any other line earns its amount when the invoice is issued in the range; " +
    "converted at the invoice currency's rate in force on its issue date, rounded to the cent per line; credits count negative. " +
    "Totals are exact sums of those cents; hours, margin % and revenue per hour are rounded to 2 decimals (half away from zero) from exact totals. " +
    "Money, hours and ratios are decimal strings with 2 decimals; customers is a list of names; account is empty when billing does not know the account number. " +
    "An amount in a currency with no fx rate in force stops the report with an error naming the currency, rather than showing a wrong total.",
  audience: "managers",
  // Money: managers only (leads and techs see no revenue or cost rates).
  roles: ["manager"],
  params: profitabilityParams,
  sources: ["helpdesk", "billing"],
  heavy: true,
  settings: LABOR_SETTINGS,
  // Two databases and a year of entries: more than the default statement budget may allow on a busy replica.
  timeoutMs: 60_000,
  columns: [
    { key: "account_no", label: "Account", type: "text" },
    { key: "account", label: "Account name", type: "text" },
    { key: "customers", label: "Helpdesk customers", type: "text" },
    {
      key: "hours",
      label: "Hours",
      type: "decimal",
      description: "minutes / 60 of every time entry in the range",
      total: { hoursOf: "minutes" },
    },
    { key: "labor_cost", label: "Labor cost", type: "money", currency: "USD", total: "sum" },
    { key: "revenue", label: "Revenue", type: "money", currency: "USD", total: "sum" },
    { key: "margin", label: "Margin", type: "money", currency: "USD", total: "sum" },
    {
      key: "margin_pct",
      label: "Margin %",
      type: "decimal",
      description: "margin / revenue × 100; empty when revenue is 0",
    },
    {
      key: "revenue_per_hour",
      label: "Revenue / hour",
      type: "money",
      currency: "USD",
      description: "revenue / hours; empty when there are no hours",
    },
    { key: "tickets", label: "Tickets", type: "integer", total: "sum" },
    {
      key: "missing_rates",
      label: "Entries without rate",
      type: "integer",
      total: "sum",
      description: "time entries with no cost rate in force on their date; their cost counts as 0",
    },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum", hidden: true },
    { key: "customer_id", label: "Customer id", type: "integer", hidden: true },
  ],
  // Below break-even: the margin cell in red, as the chart draws the client.
  cellClasses: (row) => (isLosing(row) ? { margin: "cell-bad" } : undefined),
  drill: (row, p) =>
    clientHref(
      row.account_no !== null
        ? { kind: "account", accountNo: row.account_no }
        : { kind: "customer", customerId: row.customer_id ?? 0 },
      p,
    ),
  async query(ctx, p) {
    return loadProfitability(ctx, p, undefined, ctx.limit);
  },
  View: ProfitabilityView,
});
