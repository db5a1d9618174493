import { addMonths, format, parseISO } from "date-fns";
import { type Kysely, sql } from "kysely";
import type { Billing, Helpdesk } from "../../../db/types";
import { Dec, hoursOf, toCents } from "../../../money";
import { earnedUsd, earningLines } from "../../../sql/billing/earned-revenue";
import { refuseUnconverted, type UnconvertedCount, withoutUnconverted } from "../../../sql/billing/fx";
import { costedEntries, dollars, type HourCosts, hourCosts } from "../../../sql/helpdesk/cost-rates";
import type { QueryContext } from "../../types";
import { customersOf } from "../client-customers";
import { tuneForLabor } from "../tuning";
import type { ClientDetailParams } from "./params";

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
 * the report's per-entry cents. Revenue is each line's earned cents per
 * month: a service period is split at month ends and each month's share is
 * rounded on its own, so the months may add up to a cent or so away from
 * the client's total, which rounds once per line.
 */
export async function clientMonths(
  ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone">,
  p: ClientDetailParams,
) {
  const costs = await hourCosts(ctx, p.from, p.to);
  await tuneForLabor(ctx.helpdesk);
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
      SELECT l.amount, l.to_usd, l.period_days, l.currency, m.month,
             greatest(l.earn_from, m.month) AS a,
             least(l.earn_to, (m.month + interval '1 month' - interval '1 day')::date) AS b
      FROM lines l
      CROSS JOIN LATERAL (
        SELECT g::date AS month
        FROM generate_series(date_trunc('month', l.earn_from::timestamp), l.earn_to::timestamp, interval '1 month') AS g
      ) m
    )
    SELECT to_char(month, 'YYYY-MM') AS month, sum(${earnedUsd(sql`a`, sql`b`)}) AS revenue,
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
