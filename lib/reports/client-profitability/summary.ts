import { type Kysely, type RawBuilder, sql } from "kysely";
import { centsOf } from "../../money";
import { addDaysTo, rangeInstants } from "../../params/dates";
import { earnedUsd, earningLines } from "../../sql/billing/earned-revenue";
import { refuseUnconverted } from "../../sql/billing/fx";
import { SCOPE_CATEGORIES, type Scope } from "../../sql/billing/revenue-scopes";
import { dollars, hourCosts } from "../../sql/helpdesk/cost-rates";
import type { Summarizer, SummaryRow } from "../../summary/store";
import { type CustomerLabor, laborByCustomer } from "./labor";
import type { AccountRevenue } from "./revenue";

/**
 * The monthly summaries of client profitability (lib/summary): per closed
 * month, what a year-long run would otherwise read entry by entry.
 *
 * Labor, per helpdesk customer: minutes, cost in cents (each entry priced
 * and rounded exactly as the report does) and entries without a rate, which
 * add up across months. Tickets do not (one ticket may have time in several
 * months), so each month counts them by how far back the ticket's previous
 * entry is: a ticket counts once in months [A, B), at the first of them
 * where its previous entry is before A (or it has none).
 *
 * Revenue, line by line, by home month (the month a period starts, or a
 * one-off is issued): its account, category, period, exact USD amount and
 * whole cents. Lines do not add up across a range's ends (each is rounded
 * once, on its days in the range), but a line's own numbers do not depend on
 * the range: any range reads the lines of summarized home months here, and
 * only those of other months (the current one) from billing
 * (earningLines' `home`).
 */
export const LABOR_SUMMARY = "profitability-labor";
export const REVENUE_SUMMARY = "profitability-revenue";

export const laborSummary: Summarizer = {
  id: LABOR_SUMMARY,
  sources: ["helpdesk", "billing"],
  tables: [
    {
      name: "labor_months",
      columns: {
        customer_id: "int4",
        minutes: "int8",
        cents: "int8",
        missing_rates: "int8",
        tickets_new: "int8",
        tickets_older: "int8[]",
      },
    },
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
    // Each ticket with time this month, by how many months back its previous entry is (null: none).
    const { rows: tickets } = await sql<{ customer_id: number; back: number | null; tickets: number }>`
      SELECT t.customer_id, ${monthNo(sql`${month.from}::date`)} - ${monthNo(sql`(p.at AT TIME ZONE ${timeZone})`)} AS back,
             count(*) AS tickets
      FROM (SELECT DISTINCT ticket_id FROM time_entries WHERE started_at >= ${start} AND started_at < ${end}) x
      JOIN tickets t ON t.id = x.ticket_id
      CROSS JOIN LATERAL (
        SELECT max(e.started_at) AS at FROM time_entries e WHERE e.ticket_id = x.ticket_id AND e.started_at < ${start}) p
      GROUP BY 1, 2`.execute(db.helpdesk);
    const counts = new Map<number, { fresh: number; back: number[] }>();
    for (const t of tickets) {
      const c = counts.get(t.customer_id) ?? { fresh: 0, back: [] };
      counts.set(t.customer_id, c);
      if (t.back === null) c.fresh += t.tickets;
      else c.back[t.back] = (c.back[t.back] ?? 0) + t.tickets;
    }
    return {
      labor_months: labor.map((l) => {
        const c = counts.get(l.customer_id) ?? { fresh: 0, back: [] };
        // older[k] (1-based, as SQL reads it): tickets whose previous entry is k or more months back.
        const older: number[] = [];
        for (let k = c.back.length - 1, n = 0; k >= 1; k--) older[k - 1] = n += c.back[k] ?? 0;
        return {
          customer_id: l.customer_id,
          minutes: l.minutes,
          cents: centsOf(l.labor_cost).toString(),
          missing_rates: l.missing_rates,
          tickets_new: c.fresh,
          tickets_older: older,
        };
      }),
    };
  },
};

export const revenueSummary: Summarizer = {
  id: REVENUE_SUMMARY,
  sources: ["billing"],
  tables: [
    {
      name: "revenue_lines",
      columns: {
        account_no: "text",
        category: "text",
        service_from: "date",
        service_to: "date",
        usd: "numeric",
        cents: "int8",
      },
      indexes: [["service_to"]],
    },
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
    // The month's lines, whole: earned over all time, so each keeps its own period.
    const all = { from: "-infinity", to: "infinity", scope: "all" as const };
    const home = { first: month.from, next: addDaysTo(month.to, 1), inside: true };
    const { rows } = await sql<SummaryRow & { unconverted: number; unconverted_currency: string | null }>`
      WITH ${earningLines({ ...all, home })}
      SELECT account_no, category, earn_from AS service_from, earn_to AS service_to, amount * to_usd AS usd,
             (${earnedUsd(sql`earn_from`, sql`earn_to`)} * 100)::int8 AS cents,
             (to_usd IS NULL)::int AS unconverted, CASE WHEN to_usd IS NULL THEN currency END AS unconverted_currency
      FROM lines`.execute(billing);
    refuseUnconverted(rows, "invoice lines", "their invoice's issue date");
    return { revenue_lines: rows.map(({ unconverted: _n, unconverted_currency: _c, ...r }) => r) };
  },
};

/**
 * Months since year 0 of a date or timestamp: the difference of two is a
 * number of months. date_part (a double) rather than extract (a numeric):
 * three times faster over half a million summary rows.
 */
function monthNo(value: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(date_part('year', ${value}) * 12 + date_part('month', ${value}))::int`;
}

/** One customer's labor over the whole range, before names are attached (labor_cost in dollars, exact). */
export type LaborSums = Pick<CustomerLabor, "customer_id" | "minutes" | "labor_cost" | "tickets" | "missing_rates">;

/**
 * Labor per customer over a range: the summary's whole months [first, next)
 * plus `edges`, the days around them as the replica counted them (negative
 * for days taken off the first month; added here,
 * in one statement, rather than row by row in JavaScript). A month m counts
 * the tickets whose previous entry is before `first`: those without one, and
 * those whose previous entry is at least m − first + 1 months back
 * (tickets_older is cumulative: one array element).
 */
export async function summarizedLabor(
  store: Kysely<unknown>,
  timeZone: string,
  months: { first: string; next: string },
  edges: readonly CustomerLabor[],
): Promise<LaborSums[]> {
  const [year, month] = months.first.split("-").map(Number) as [number, number];
  const firstNo = year * 12 + month;
  const column = <K extends keyof CustomerLabor>(key: K) => edges.map((e) => e[key]);
  const { rows } = await sql<LaborSums>`
    SELECT customer_id, sum(minutes)::int8 AS minutes, ${dollars(sql`sum(cents)`)} AS labor_cost,
           sum(tickets)::int8 AS tickets, sum(missing_rates)::int8 AS missing_rates
    FROM (
      SELECT customer_id, minutes, cents, missing_rates,
             tickets_new + coalesce(tickets_older[${monthNo(sql.ref("month"))} - ${firstNo}::int + 1], 0) AS tickets
      FROM labor_months
      WHERE time_zone = ${timeZone} AND month >= ${months.first}::date AND month < ${months.next}::date
      UNION ALL
      SELECT * FROM unnest(${column("customer_id")}::int[], ${column("minutes")}::int8[],
                           ${edges.map((e) => centsOf(e.labor_cost).toString())}::int8[],
                           ${column("missing_rates")}::int8[], ${column("tickets")}::int8[])
    ) s
    GROUP BY customer_id
    -- Entries are never empty: a customer with no minutes left had entries only in days taken off.
    HAVING sum(minutes) > 0`.execute(store);
  return rows;
}

/**
 * Revenue per account over [from, to]: every line of the summarized home
 * months [first, next) that earns in the range, each earning its days in the
 * range as earningLines computes it (amount × to_usd, exact, × days / period
 * days, rounded to the cent once; a line wholly inside the range, its whole
 * cents), plus `edges`, the lines of other home months as billing counted
 * them; in dollars, exact.
 */
export async function summarizedRevenue(
  store: Kysely<unknown>,
  timeZone: string,
  range: { from: string; to: string },
  months: { first: string; next: string },
  scope: Scope,
  edges: readonly AccountRevenue[],
): Promise<{ account_no: string; revenue: string }[]> {
  const categories = SCOPE_CATEGORIES[scope];
  const inScope = categories ? sql`AND category = ANY(${[...categories]}::text[])` : sql``;
  const from = sql`${range.from}::date`;
  const to = sql`${range.to}::date`;
  const { rows } = await sql<{ account_no: string; revenue: string }>`
    SELECT account_no, ${dollars(sql`sum(cents)`)} AS revenue
    FROM (
      SELECT account_no,
             CASE WHEN service_from >= ${from} AND service_to <= ${to} THEN cents
                  ELSE (round(usd * (least(service_to, ${to}) - greatest(service_from, ${from}) + 1)
                              / (service_to - service_from + 1), 2) * 100)::int8 END AS cents
      FROM revenue_lines
      WHERE time_zone = ${timeZone} AND month >= ${months.first}::date AND month < ${months.next}::date
        AND service_to >= ${from} AND service_from <= ${to} ${inScope}
      UNION ALL
      SELECT * FROM unnest(${edges.map((e) => e.account_no)}::text[], ${edges.map((e) => centsOf(e.revenue).toString())}::int8[])
    ) s
    GROUP BY account_no`.execute(store);
  return rows;
}
