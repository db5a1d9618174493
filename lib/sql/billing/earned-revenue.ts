import "server-only";
import { type Expression, type RawBuilder, sql } from "kysely";
import { FX_TABLE, usdRateOn } from "./fx";
import { SCOPE_CATEGORIES, type Scope } from "./revenue-scopes";

/** One row of `lines` (earningLines): an invoice line earning in the window. */
export interface EarningLine {
  id: number;
  account_no: string;
  category: string;
  currency: string;
  issued_on: string;
  amount: string;
  /** First and last day the line earns inside the window (inclusive). */
  earn_from: string;
  earn_to: string;
  /** Days the amount pays for (1 for a one-off). */
  period_days: number;
  /** The invoice currency's USD rate in force on issued_on; null when billing has none. */
  to_usd: string | null;
}

export interface LineWindow {
  from: string;
  to: string;
  scope: Scope;
  /** Only this billing account's invoices; every account when absent. */
  accountNo?: string;
  /**
   * Only lines whose home day is in [first, next): a period line's home is
   * the day its period starts, a one-off's its issue day (profitability's
   * day summary of revenue reads lines by home day).
   */
  home?: { first: string; next: string };
}

/**
 * Whether the invoice line `l` pays for a service period: both dates set, in order (the partial index on
 * one-offs, sql/indexes/billing/client-profitability.sql, is its negation as written here). Any other line
 * is a one-off.
 */
export const hasServicePeriod = sql<boolean>`(l.service_from IS NOT NULL AND l.service_to IS NOT NULL AND l.service_from <= l.service_to)`;

/** The home day of the line `l` on the invoice `i`: its period's first day, or a one-off's issue day. */
export const lineHomeDay = sql<string>`(CASE WHEN ${hasServicePeriod} THEN l.service_from ELSE i.issued_on END)`;

/**
 * The CTEs (to follow a WITH; typed by the rows of the last) that yield `lines`: every invoice line that
 * earns revenue in [from, to], from `open` and `paid` invoices (never `draft`
 * or `void`), products in scope. Each line says which of its days fall in the
 * range (`earn_from` to `earn_to`, inclusive) out of how many it pays for
 * (`period_days`), and the USD rate of its invoice's currency in force on
 * `issued_on` (`to_usd`; 1 for USD, null when billing has no rate).
 *
 * A line has a service period when service_from and service_to are both set
 * and service_from ≤ service_to: it earns the days of that period inside the
 * range, whenever the invoice was issued. Any other line is a one-off: it
 * earns its whole amount (one "day" of one) when the invoice's issued_on is in
 * the range. Amounts may be negative (credits).
 *
 * Two branches, so each can use its own index: period lines by their
 * service_to (see sql/indexes/billing/client-profitability.sql), one-offs by
 * their invoice's issued_on.
 */
export function earningLines(w: LineWindow): RawBuilder<EarningLine> {
  const categories = SCOPE_CATEGORIES[w.scope];
  const inScope = categories ? sql`AND p.category = ANY(${[...categories]}::text[])` : sql``;
  const ofAccount = w.accountNo === undefined ? sql`` : sql`AND i.account_no = ${w.accountNo}`;
  const home = (day: Expression<string>) => {
    if (!w.home) return sql``;
    return sql`AND ${day} >= ${w.home.first}::date AND ${day} < ${w.home.next}::date`;
  };
  return sql<EarningLine>`
    in_range AS (
      SELECT l.id, i.account_no, p.category, i.currency, i.issued_on, l.amount,
             greatest(l.service_from, ${w.from}::date) AS earn_from,
             least(l.service_to, ${w.to}::date) AS earn_to,
             l.service_to - l.service_from + 1 AS period_days
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id
      JOIN products p ON p.code = l.product_code
      WHERE l.service_to >= ${w.from}::date AND l.service_from <= ${w.to}::date AND ${hasServicePeriod}
        AND i.status IN ('open', 'paid') ${inScope} ${ofAccount} ${home(sql.ref("l.service_from"))}
      UNION ALL
      SELECT l.id, i.account_no, p.category, i.currency, i.issued_on, l.amount, i.issued_on, i.issued_on, 1
      FROM invoices i
      JOIN invoice_lines l ON l.invoice_id = i.id
      JOIN products p ON p.code = l.product_code
      WHERE i.issued_on >= ${w.from}::date AND i.issued_on <= ${w.to}::date
        AND NOT ${hasServicePeriod}
        AND i.status IN ('open', 'paid') ${inScope} ${ofAccount} ${home(sql.ref("i.issued_on"))}
    ),
    fx AS (${FX_TABLE}),
    lines AS (
      SELECT x.*, ${usdRateOn(sql.ref("x.currency"), sql.ref("x.issued_on"))} AS to_usd
      FROM in_range x
      LEFT JOIN fx ON fx.currency = x.currency
    )`;
}

/**
 * What a line earns over [a, b] (inclusive dates inside its earning days), in
 * USD, to the cent: amount × to_usd × days / period_days (earnedShare).
 */
export function earnedUsd(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<string> {
  return earnedShare(sql`amount * to_usd`, sql`${b} - ${a} + 1`, sql`period_days`);
}

/**
 * The part of a line's earned revenue (earnedUsd over earn_from..earn_to) that falls on the days [a, b]
 * inside them: what it earns up to b less what it earns before a, each rounded as the whole is. So the
 * parts of consecutive pieces (a client's months) add up to exactly the line's earned revenue, where
 * each piece rounded on its own could drift a cent per line (1.01 over two days: 0.51 + 0.51).
 */
export function earnedUsdPart(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<string> {
  const usd = sql`amount * to_usd`;
  return sql<string>`(${earnedShare(usd, sql`${b} - earn_from + 1`, sql`period_days`)} - ${earnedShare(usd, sql`${a} - earn_from`, sql`period_days`)})`;
}

/**
 * The one proration rule: `days` of `periodDays` of an exact USD amount, to
 * the cent, multiplied out first and divided once so nothing is rounded
 * before the final round() (numeric products are exact, so amount × to_usd
 * stored once and prorated later is the same number as prorated at once).
 */
export function earnedShare(
  usd: Expression<unknown>,
  days: Expression<unknown>,
  periodDays: Expression<unknown>,
): RawBuilder<string> {
  return sql<string>`round(${usd} * (${days}) / (${periodDays}), 2)`;
}
