import { type Kysely, sql } from "kysely";
import { rangeInstants } from "../../params/dates";
import type { Summarizer, SummaryRow } from "../../summary/store";
import { earnedUsd, FX_ARRAYS, TO_USD } from "./earning-lines";
import { hourCosts } from "./hour-costs";
import { laborByCustomer } from "./labor";
import { centsOf } from "./money";
import { SCOPE_CATEGORIES, type Scope } from "./params";
import { refuseUnconverted } from "./unconverted";

/**
 * The monthly summaries of client profitability (lib/summary): per closed
 * month, what a year-long run would otherwise read entry by entry.
 *
 * Labor, per helpdesk customer: minutes, cost in cents (each entry priced
 * and rounded exactly as the report does) and entries without a rate, which
 * add up across months. Tickets do not (one ticket may have time in several
 * months), so they are kept per month and per the month of the ticket's
 * previous entry: a ticket counts once in months [A, B) at the first of them
 * where its previous entry is before A (or it has none).
 *
 * Revenue, per billing account and product category: the lines that earn
 * only inside their home month's run of months, whole (a period line, by the
 * month its period starts and the month it ends; a one-off, by its issue
 * month). A range of whole months [A, B) takes every line whose home month
 * is in it and whose period ends before B; each such line earns all of its
 * amount there, rounded once per line as the report does. The days around
 * the months read every other line from billing (earningLines' `outside`).
 */
export const LABOR_SUMMARY = "profitability-labor";
export const REVENUE_SUMMARY = "profitability-revenue";

export const laborSummary: Summarizer = {
  id: LABOR_SUMMARY,
  sources: ["helpdesk", "billing"],
  tables: [
    {
      name: "labor_months",
      columns: { customer_id: "int4", minutes: "int8", cents: "int8", missing_rates: "int8" },
    },
    { name: "labor_ticket_months", columns: { customer_id: "int4", prev_month: "date", tickets: "int8" } },
  ],
  async firstDay({ helpdesk }) {
    // A day early: the first entry's date in the reporting zone may be the day before its UTC date.
    const { rows } = await sql<{ first: string | null }>`
      SELECT (min(started_at) - interval '1 day')::date AS first FROM time_entries`.execute(helpdesk);
    return rows[0]?.first ?? null;
  },
  async compute(db, month, timeZone) {
    const costs = await hourCosts(db, month.from, month.to);
    const labor = await laborByCustomer(db.helpdesk, { ...month, timeZone, costs });
    const { start, end } = rangeInstants(month.from, month.to, timeZone);
    const { rows: tickets } = await sql<SummaryRow>`
      SELECT t.customer_id, date_trunc('month', p.at AT TIME ZONE ${timeZone})::date AS prev_month, count(*) AS tickets
      FROM (SELECT DISTINCT ticket_id FROM time_entries WHERE started_at >= ${start} AND started_at < ${end}) x
      JOIN tickets t ON t.id = x.ticket_id
      CROSS JOIN LATERAL (
        SELECT max(e.started_at) AS at FROM time_entries e WHERE e.ticket_id = x.ticket_id AND e.started_at < ${start}) p
      GROUP BY 1, 2`.execute(db.helpdesk);
    return {
      labor_months: labor.map((l) => ({
        customer_id: l.customer_id,
        minutes: l.minutes,
        cents: centsOf(l.labor_cost).toString(),
        missing_rates: l.missing_rates,
      })),
      labor_ticket_months: tickets,
    };
  },
};

export const revenueSummary: Summarizer = {
  id: REVENUE_SUMMARY,
  sources: ["billing"],
  tables: [
    { name: "revenue_lines", columns: { account_no: "text", category: "text", last_month: "date", cents: "int8" } },
  ],
  async firstDay({ billing }) {
    const { rows } = await sql<{ first: string | null }>`
      SELECT least((SELECT min(issued_on) FROM invoices),
                   (SELECT min(service_from) FROM invoice_lines WHERE service_to IS NOT NULL)) AS first`.execute(
      billing,
    );
    return rows[0]?.first ?? null;
  },
  async compute({ billing }, month) {
    const { rows } = await sql<SummaryRow & { unconverted: number; unconverted_currency: string | null }>`
      WITH home AS (
        SELECT i.account_no, p.category, i.currency, i.issued_on, l.amount,
               l.service_from AS earn_from, l.service_to AS earn_to, l.service_to - l.service_from + 1 AS period_days,
               date_trunc('month', l.service_to)::date AS last_month
        FROM invoice_lines l
        JOIN invoices i ON i.id = l.invoice_id
        JOIN products p ON p.code = l.product_code
        WHERE l.service_from >= ${month.from}::date AND l.service_from <= ${month.to}::date
          AND l.service_to IS NOT NULL AND l.service_from <= l.service_to AND i.status IN ('open', 'paid')
        UNION ALL
        SELECT i.account_no, p.category, i.currency, i.issued_on, l.amount, i.issued_on, i.issued_on, 1,
               ${month.from}::date
        FROM invoices i
        JOIN invoice_lines l ON l.invoice_id = i.id
        JOIN products p ON p.code = l.product_code
        WHERE i.issued_on >= ${month.from}::date AND i.issued_on <= ${month.to}::date
          AND NOT (l.service_from IS NOT NULL AND l.service_to IS NOT NULL AND l.service_from <= l.service_to)
          AND i.status IN ('open', 'paid')
      ),
      ${FX_ARRAYS},
      lines AS (SELECT x.*, ${TO_USD} AS to_usd FROM home x LEFT JOIN fx ON fx.currency = x.currency)
      SELECT account_no, category, last_month,
             (coalesce(sum(${earnedUsd(sql`earn_from`, sql`earn_to`)}), 0) * 100)::int8 AS cents,
             count(*) FILTER (WHERE to_usd IS NULL)::int8 AS unconverted,
             min(currency) FILTER (WHERE to_usd IS NULL) AS unconverted_currency
      FROM lines
      GROUP BY account_no, category, last_month`.execute(billing);
    refuseUnconverted(rows, "invoice lines", "their invoice's issue date");
    return { revenue_lines: rows.map(({ unconverted: _n, unconverted_currency: _c, ...r }) => r) };
  },
};

/** What the labor summary holds for one customer over some whole months. */
export interface SummarizedLabor {
  customer_id: number;
  minutes: number;
  cents: bigint;
  missing_rates: number;
  tickets: number;
}

/** The labor summary over the whole months [first, next), per customer: one statement, so one snapshot of ours. */
export async function summarizedLabor(
  store: Kysely<unknown>,
  timeZone: string,
  months: { first: string; next: string },
): Promise<SummarizedLabor[]> {
  const { rows } = await sql<Omit<SummarizedLabor, "cents"> & { cents: string }>`
    SELECT customer_id, sum(minutes)::int8 AS minutes, sum(cents)::text AS cents,
           sum(missing_rates)::int8 AS missing_rates, sum(tickets)::int8 AS tickets
    FROM (
      SELECT customer_id, minutes, cents, missing_rates, 0 AS tickets
      FROM labor_months WHERE time_zone = ${timeZone} AND month >= ${months.first}::date AND month < ${months.next}::date
      UNION ALL
      SELECT customer_id, 0, 0, 0, tickets
      FROM labor_ticket_months
      WHERE time_zone = ${timeZone} AND month >= ${months.first}::date AND month < ${months.next}::date
        AND (prev_month IS NULL OR prev_month < ${months.first}::date)
    ) s
    GROUP BY customer_id`.execute(store);
  return rows.map((r) => ({ ...r, cents: BigInt(r.cents) }));
}

/** The revenue summary over the whole months [first, next), per account, in cents. */
export async function summarizedRevenue(
  store: Kysely<unknown>,
  timeZone: string,
  months: { first: string; next: string },
  scope: Scope,
): Promise<Map<string, bigint>> {
  const categories = SCOPE_CATEGORIES[scope];
  const inScope = categories ? sql`AND category = ANY(${[...categories]}::text[])` : sql``;
  const { rows } = await sql<{ account_no: string; cents: string }>`
    SELECT account_no, sum(cents)::text AS cents
    FROM revenue_lines
    WHERE time_zone = ${timeZone} AND month >= ${months.first}::date AND month < ${months.next}::date
      AND last_month < ${months.next}::date ${inScope}
    GROUP BY account_no`.execute(store);
  return new Map(rows.map((r) => [r.account_no, BigInt(r.cents)]));
}
