import { z } from "zod";
import { checkRange, choice, dateRange } from "../../params/fields";
import { refuseUnconverted } from "../../sql/billing/fx";
import { hourCosts } from "../../sql/helpdesk/cost-rates";
import { defineReport, type QueryContext } from "../types";
import { type CostedKindRow, GROUPINGS, type KindRow, kindRows } from "./query";
import { RecurringWorkView } from "./view";

const params = z
  .object({
    ...dateRange("last-quarter"),
    group: choice(
      GROUPINGS,
      "Split kinds by",
      "Split each kind also by the ticket's current queue or by its channel; none by default",
      { none: "Nothing", queue: "Queue", channel: "Channel" },
    ).default("none"),
  })
  .superRefine(checkRange);

type Params = z.output<typeof params>;

/** A manager's row carries its labor cost; everyone else's has no money in it, from the SQL on. */
type RecurringWorkRow = KindRow & Partial<Omit<CostedKindRow, "unconverted">>;

async function recurringRows(ctx: QueryContext, p: Params): Promise<RecurringWorkRow[]> {
  const range = { from: p.from, to: p.to, group: p.group };
  if (ctx.user.role !== "manager") return kindRows(ctx, range);
  const costs = await hourCosts(ctx, p.from, p.to);
  const rows = await kindRows(ctx, range, costs);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  return rows.map(({ unconverted: _, ...row }) => row);
}

/** The ticket list of one kind (and its queue or channel, when split): exactly the tickets counted in the row. */
export function kindHref(row: Pick<KindRow, "kind" | "group_key">, p: Params): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, kind: row.kind });
  if (p.group === "queue" && row.group_key !== null) q.set("queue", row.group_key);
  if (p.group === "channel" && row.group_key !== null) q.set("channel", row.group_key);
  return `/reports/ticket-list?${q}`;
}

export const recurringWork = defineReport<typeof params, RecurringWorkRow>({
  id: "recurring-work",
  title: "Recurring work",
  description:
    "The kinds of tickets that keep being created: tickets created in the range (whole days in the reporting time zone) grouped by " +
    "their subject's template, optionally split by current queue or channel, ranked by hours logged: the top rows are the candidates " +
    "for a form, a tool or an automation. A template is the subject in lower case with its variable parts replaced, in this order: " +
    "URLs <url>, e-mail addresses <email>, ticket references (Ticket #123, RT#4567, #123) <ticket>, UUIDs and colon-separated serials <hex>, " +
    "IPv6 and IPv4 addresses <ip>, dates (2026-11-03, 03/11/2026, 3 Nov 2026, Nov 3rd) <date>, times (14:05, 2pm) <time>, host and domain " +
    "names (Unicode or xn--) <host>, hex strings of six or more digits with a letter a-f <hex>, version numbers <version>, other numbers <n>; " +
    "spaces folded, trailing punctuation dropped; a subject with nothing left (empty, or punctuation only) is <empty>. Share: of all tickets created in the range. Monitoring: the share that came in by the " +
    "monitoring channel. Hours: minutes of time entries on the kind's tickets whose started_at is in the range, / 60. Time to resolve: " +
    "from creation to the ticket's resolved_at (the last time it entered resolved, at any time until now), the median over the kind's resolved tickets. " +
    "Reopen rate: of the kind's tickets resolved at least once, the share that went from resolved back to new, open, pending or on hold " +
    "within 14 days of a resolve (as in the tech scorecard). Trend: tickets per week of the range, weeks counted from the first day. " +
    "Labor cost (managers only; other roles get no money, not even in the query): each of those entries' minutes / 60 × the tech's " +
    "hourly cost in force on the entry's date (in the reporting time zone), converted to USD at billing's fx rate in force that date, " +
    "rounded to the cent per entry, as in client profitability; an entry with no cost rate counts 0. " +
    "A row opens the ticket list of exactly its tickets.",
  audience: "team leads",
  roles: ["manager", "lead", "tech"],
  params,
  sources: ["helpdesk", "billing"],
  heavy: true,
  columns: [
    { key: "kind", label: "Kind", type: "text", description: "the subject's template" },
    { key: "group_label", label: "Queue or channel", type: "text", description: "when split by queue or channel" },
    { key: "example", label: "Example subject", type: "text", description: "the subject of the kind's latest ticket" },
    { key: "tickets", label: "Tickets", type: "integer", total: "sum" },
    { key: "share_pct", label: "Share", type: "percent", description: "of all tickets created in the range" },
    { key: "customers", label: "Customers", type: "integer" },
    { key: "monitoring_pct", label: "Monitoring", type: "percent", description: "share created by monitoring" },
    { key: "hours", label: "Hours logged", type: "decimal", total: { hoursOf: "minutes" } },
    {
      key: "labor_cost",
      label: "Labor cost",
      type: "money",
      total: "sum",
      roles: ["manager"],
      description:
        "each entry's minutes / 60 × the tech's hourly cost in force on its date, in USD at that date's rate, to the cent",
    },
    {
      key: "median_resolve_minutes",
      label: "Median time to resolve",
      type: "duration",
      unit: "minutes",
      description: "creation to the last time it entered resolved",
    },
    { key: "reopen_rate_pct", label: "Reopen rate", type: "percent", description: "reopened within 14 days" },
    { key: "first_seen", label: "First seen", type: "instant" },
    { key: "last_seen", label: "Last seen", type: "instant" },
    // Hidden unless chosen: a year is 52 numbers a row (the view above draws them); CSV and JSON keep them.
    {
      key: "trend",
      label: "Tickets per week",
      type: "text",
      description: "the trend, week by week",
      hidden: true,
    },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum", hidden: true },
    { key: "resolved", label: "Resolved tickets", type: "integer", total: "sum", hidden: true },
    { key: "reopened", label: "Reopened tickets", type: "integer", total: "sum", hidden: true },
    { key: "group_key", label: "Queue id or channel", type: "text", hidden: true },
    {
      key: "missing_rates",
      label: "Entries without rate",
      type: "integer",
      total: "sum",
      hidden: true,
      roles: ["manager"],
      description: "time entries with no cost rate in force on their date; their cost counts as 0",
    },
  ],
  drill: (row, p) => kindHref(row, p),
  async query(ctx, p) {
    return (await recurringRows(ctx, p)).slice(0, ctx.limit);
  },
  View: RecurringWorkView,
});
