import { type RawBuilder, sql } from "kysely";
import { SCOPE_CATEGORIES, type Scope } from "./params";

export interface LineWindow {
  from: string;
  to: string;
  scope: Scope;
  /** Only this billing account's invoices; every account when absent. */
  accountNo?: string;
  /**
   * Only lines whose home day is inside [first, next), or outside it: a
   * period line's home is the day its period starts, a one-off's its issue
   * day. The monthly summary holds the lines of its months (summary.ts,
   * inside), and billing is read for the rest (load.ts, outside).
   */
  home?: { first: string; next: string; inside: boolean };
}

/**
 * The CTEs (to follow a WITH) that yield `lines`: every invoice line that
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
export function earningLines(w: LineWindow): RawBuilder<unknown> {
  const categories = SCOPE_CATEGORIES[w.scope];
  const inScope = categories ? sql`AND p.category = ANY(${[...categories]}::text[])` : sql``;
  const ofAccount = w.accountNo === undefined ? sql`` : sql`AND i.account_no = ${w.accountNo}`;
  const home = (day: RawBuilder<unknown>) => {
    if (!w.home) return sql``;
    const within = sql`${day} >= ${w.home.first}::date AND ${day} < ${w.home.next}::date`;
    return w.home.inside ? sql`AND ${within}` : sql`AND NOT (${within})`;
  };
  return sql`
    in_range AS (
      SELECT l.id, i.account_no, p.category, i.currency, i.issued_on, l.amount,
             greatest(l.service_from, ${w.from}::date) AS earn_from,
             least(l.service_to, ${w.to}::date) AS earn_to,
             l.service_to - l.service_from + 1 AS period_days
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id
      JOIN products p ON p.code = l.product_code
      WHERE l.service_to >= ${w.from}::date AND l.service_from <= ${w.to}::date AND l.service_from <= l.service_to
        AND i.status IN ('open', 'paid') ${inScope} ${ofAccount} ${home(sql.ref("l.service_from"))}
      UNION ALL
      SELECT l.id, i.account_no, p.category, i.currency, i.issued_on, l.amount, i.issued_on, i.issued_on, 1
      FROM invoices i
      JOIN invoice_lines l ON l.invoice_id = i.id
      JOIN products p ON p.code = l.product_code
      WHERE i.issued_on >= ${w.from}::date AND i.issued_on <= ${w.to}::date
        AND NOT (l.service_from IS NOT NULL AND l.service_to IS NOT NULL AND l.service_from <= l.service_to)
        AND i.status IN ('open', 'paid') ${inScope} ${ofAccount} ${home(sql.ref("i.issued_on"))}
    ),
    ${FX_ARRAYS},
    lines AS (
      SELECT x.*, ${TO_USD} AS to_usd
      FROM in_range x
      LEFT JOIN fx ON fx.currency = x.currency
    )`;
}

/**
 * The CTE `fx`: each currency's rates as two arrays, oldest first. A line's
 * rate (TO_USD, over a row `x` joined to `fx` by currency) is then a binary
 * search (width_bucket: how many valid_on ≤ issued_on) and a lookup, where a
 * lookup in fx_rates' index per line cost more than the rest of the line's
 * work. The rates (numeric(18,8)) travel as integers × 10^8 and come back as
 * the same numeric, scale 8 included.
 */
const FX_ARRAYS = sql`
    fx AS (
      SELECT currency, array_agg(valid_on ORDER BY valid_on) AS valid_on,
             array_agg((to_usd * 100000000)::int8 ORDER BY valid_on) AS to_usd_e8
      FROM fx_rates
      GROUP BY currency
    )`;

/** The rate of `x.currency` on `x.issued_on` (1 for USD; null when billing has none), given `fx` joined. */
const TO_USD = sql`CASE WHEN x.currency = 'USD' THEN 1
                  ELSE fx.to_usd_e8[width_bucket(x.issued_on, fx.valid_on)]::numeric * 0.00000001 END`;

/**
 * What a line earns over [a, b] (inclusive dates inside its earning days), in
 * USD, to the cent: amount × days / period_days × to_usd, multiplied out first
 * and divided once so nothing is rounded before the final round().
 */
export function earnedUsd(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`round(amount * (${b} - ${a} + 1) * to_usd / period_days, 2)`;
}
