import "server-only";
import { addMonths, format, parseISO } from "date-fns";
import { type Kysely, sql } from "kysely";
import type { Billing, Helpdesk } from "../../../db/types";
import { Dec, hoursOf, percentOf, toCents } from "../../../money";
import { earnedUsdPart, earningLines } from "../../../sql/billing/earned-revenue";
import { refuseUnconverted, type UnconvertedCount, withoutUnconverted } from "../../../sql/billing/fx";
import { costedEntries, dollars, type HourCosts, hourCosts } from "../../../sql/helpdesk/cost-rates";
import type { QueryContext } from "../../types";
import { customersOf } from "../client-customers";
import { accountNames, customersOnAccounts } from "../names";
import type { ClientDetailParams } from "./params";

/*
 * The SQL of the client page's sub-reports (report.ts): who the client is,
 * then its months, tickets and techs, each costed exactly as the report
 * costs them (its own fragments, so the numbers agree to the cent).
 */

/** Who the client is: its account and helpdesk customers, one row (the engine has checked it exists). */
export type ClientProfileRow = {
  /** The client as its page's path names it: an account number or customer-{id}. */
  client: string;
  account_no: string | null;
  /** Billing's name of the account; null when billing does not know it. */
  account: string | null;
  customers: string[];
  customer_id: number | null;
};

export async function clientProfile(
  ctx: Pick<QueryContext, "helpdesk" | "billing">,
  p: ClientDetailParams,
): Promise<ClientProfileRow[]> {
  const key = p.client;
  if (key.kind === "account") {
    const [names, customers] = await Promise.all([
      accountNames(ctx.billing, [key.accountNo]),
      customersOnAccounts(ctx.helpdesk, [key.accountNo]),
    ]);
    return [
      {
        client: key.accountNo,
        account_no: key.accountNo,
        account: names.get(key.accountNo) ?? null,
        customers: customers.get(key.accountNo) ?? [],
        customer_id: null,
      },
    ];
  }
  const { rows } = await sql<{ name: string }>`SELECT name FROM customers WHERE id = ${key.customerId}`.execute(
    ctx.helpdesk,
  );
  return [
    {
      client: `customer-${key.customerId}`,
      account_no: null,
      account: null,
      customers: rows.map((r) => r.name),
      customer_id: key.customerId,
    },
  ];
}

export type ClientMonthRow = {
  /** 'YYYY-MM' */
  month: string;
  hours: string;
  labor_cost: string;
  revenue: string;
  margin: string;
  minutes: number;
};

/**
 * A client's hours, labor cost and revenue per calendar month of the range
 * (months cut to the range), every month listed even when empty. Costs are
 * the report's per-entry cents. Revenue is each line's earned cents split
 * at month ends (earnedUsdPart): the months add up to exactly the client's
 * revenue, which rounds once per line.
 */
export async function clientMonths(
  ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone">,
  p: ClientDetailParams,
) {
  const costs = await hourCosts(ctx, p.from, p.to);
  const [labor, revenue] = await Promise.all([
    laborByMonth(ctx.helpdesk, p, ctx.timeZone, costs),
    p.client.kind === "account" ? revenueByMonth(ctx.billing, p, p.client.accountNo) : [],
  ]);
  const laborOf = new Map(labor.map((l) => [l.month, l]));
  const revenueOf = new Map(revenue.map((r) => [r.month, r.revenue]));
  return monthsOf(p.from, p.to).map((month): ClientMonthRow => {
    const l = laborOf.get(month);
    const cost = new Dec(l?.labor_cost ?? 0);
    const earned = new Dec(revenueOf.get(month) ?? 0);
    return {
      month,
      hours: hoursOf(l?.minutes ?? 0),
      labor_cost: toCents(cost),
      revenue: toCents(earned),
      margin: toCents(earned.minus(cost)),
      minutes: l?.minutes ?? 0,
    };
  });
}

async function laborByMonth(helpdesk: Kysely<Helpdesk>, p: ClientDetailParams, timeZone: string, costs: HourCosts) {
  const { rows } = await sql<{ month: string; minutes: number; labor_cost: string } & UnconvertedCount>`
    WITH ${costedEntries({ from: p.from, to: p.to, timeZone, costs, customers: customersOf(p.client) })}
    SELECT to_char(day, 'YYYY-MM') AS month, sum(minutes)::int8 AS minutes, ${dollars(sql`sum(cents)`)} AS labor_cost,
           count(*) FILTER (WHERE unconverted) AS unconverted
    FROM entries
    GROUP BY 1`.execute(helpdesk);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  return rows.map(withoutUnconverted);
}

async function revenueByMonth(billing: Kysely<Billing>, p: ClientDetailParams, accountNo: string) {
  const { rows } = await sql<{ month: string; revenue: string } & UnconvertedCount>`
    WITH ${earningLines({ from: p.from, to: p.to, scope: p.scope, accountNo })},
    by_month AS (
      SELECT l.amount, l.to_usd, l.period_days, l.earn_from, l.currency, m.month,
             greatest(l.earn_from, m.month) AS a,
             least(l.earn_to, (m.month + interval '1 month' - interval '1 day')::date) AS b
      FROM lines l
      CROSS JOIN LATERAL (
        SELECT g::date AS month
        FROM generate_series(date_trunc('month', l.earn_from::timestamp), l.earn_to::timestamp, interval '1 month') AS g
      ) m
    )
    SELECT to_char(month, 'YYYY-MM') AS month, sum(${earnedUsdPart(sql`a`, sql`b`)}) AS revenue,
           count(*) FILTER (WHERE to_usd IS NULL) AS unconverted,
           min(currency) FILTER (WHERE to_usd IS NULL) AS unconverted_currency
    FROM by_month
    GROUP BY 1`.execute(billing);
  refuseUnconverted(rows, "invoice lines", "their invoice's issue date");
  return rows.map(withoutUnconverted);
}

/** 'YYYY-MM' of every month that has a day in [from, to]. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  const last = to.slice(0, 7);
  for (let m = parseISO(`${from.slice(0, 7)}-01`); format(m, "yyyy-MM") <= last; m = addMonths(m, 1)) {
    months.push(format(m, "yyyy-MM"));
  }
  return months;
}

export type ClientTicketRow = {
  ticket_id: number;
  subject: string;
  customer: string;
  status: string;
  hours: string;
  labor_cost: string;
  entries: number;
  missing_rates: number;
  techs: string[];
  minutes: number;
};

/** The client's tickets with time in the range, costliest first: where its labor cost went. */
export async function clientTickets(
  ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone" | "limit">,
  p: ClientDetailParams,
) {
  const costs = await hourCosts(ctx, p.from, p.to);
  const { rows } = await sql<Omit<ClientTicketRow, "hours"> & UnconvertedCount>`
    WITH ${costedEntries({ from: p.from, to: p.to, timeZone: ctx.timeZone, costs, customers: customersOf(p.client) })},
    per_ticket AS (
      SELECT e.ticket_id, sum(e.minutes) AS minutes, ${dollars(sql`sum(e.cents)`)} AS labor_cost, count(*) AS entries,
             count(*) FILTER (WHERE e.missing_rate) AS missing_rates,
             array_agg(DISTINCT tech.login ORDER BY tech.login) AS techs,
             count(*) FILTER (WHERE e.unconverted) AS unconverted
      FROM entries e
      JOIN techs tech ON tech.id = e.tech_id
      GROUP BY e.ticket_id
    )
    SELECT pt.ticket_id, t.subject, c.name AS customer, t.status,
           pt.minutes::int8 AS minutes, pt.labor_cost, pt.entries, pt.missing_rates, pt.techs,
           pt.unconverted
    FROM per_ticket pt
    JOIN tickets t ON t.id = pt.ticket_id
    JOIN customers c ON c.id = t.customer_id
    ORDER BY pt.labor_cost DESC, pt.minutes DESC, pt.ticket_id
    LIMIT ${Number.isFinite(ctx.limit) ? ctx.limit : null}`.execute(ctx.helpdesk);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  return rows.map(
    ({ unconverted: _n, unconverted_currency: _c, ...r }): ClientTicketRow => ({ ...r, hours: hoursOf(r.minutes) }),
  );
}

export type ClientTechRow = {
  login: string;
  full_name: string;
  hours: string;
  /** this tech's share of the client's hours, 0–100 with 2 decimals */
  hours_share: string | null;
  labor_cost: string;
  tickets: number;
  entries: number;
  missing_rates: number;
  minutes: number;
};

/** Who spent the client's time in the range, most hours first. */
export async function clientTechs(ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone">, p: ClientDetailParams) {
  const costs = await hourCosts(ctx, p.from, p.to);
  const { rows } = await sql<Omit<ClientTechRow, "hours" | "hours_share"> & UnconvertedCount>`
    WITH ${costedEntries({ from: p.from, to: p.to, timeZone: ctx.timeZone, costs, customers: customersOf(p.client) })}
    SELECT tech.login, tech.full_name, sum(e.minutes)::int8 AS minutes, ${dollars(sql`sum(e.cents)`)} AS labor_cost,
           count(DISTINCT e.ticket_id) AS tickets, count(*) AS entries,
           count(*) FILTER (WHERE e.missing_rate) AS missing_rates,
           count(*) FILTER (WHERE e.unconverted) AS unconverted
    FROM entries e
    JOIN techs tech ON tech.id = e.tech_id
    GROUP BY tech.id, tech.login, tech.full_name
    ORDER BY minutes DESC, tech.login`.execute(ctx.helpdesk);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  const total = rows.reduce((n, r) => n + r.minutes, 0);
  return rows.map(
    ({ unconverted: _n, unconverted_currency: _c, ...r }): ClientTechRow => ({
      ...r,
      hours: hoursOf(r.minutes),
      hours_share: percentOf(r.minutes, total),
    }),
  );
}
