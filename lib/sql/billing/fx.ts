import "server-only";
import { type Expression, type Kysely, sql } from "kysely";
import { SourceError } from "../../db/errors";
import type { Billing } from "../../db/types";
import { eachDay } from "../../params/dates";

/*
 * The fx rate in force: billing's fx_rates row of the currency with the
 * greatest valid_on on or before the day. USD is 1; a day before the
 * currency's first rate has none, and an amount that needs it is refused
 * (refuseUnconverted) rather than shown wrong.
 */

/**
 * The USD rate of each currency on each day of [from, to]: the fx_rates row
 * with the greatest valid_on ≤ that day; undefined on a day before the
 * currency's first rate. Indexed by day number - 1 (day 1 is `from`).
 */
export type FxByDay = Map<string, (string | undefined)[]>;

export interface FxRow {
  currency: string;
  valid_on: string;
  to_usd: string;
}

export async function fxRatesByDay(billing: Kysely<Billing>, from: string, to: string): Promise<FxByDay> {
  // The last row on or before `from` for each currency, then every later row up to `to`, in order.
  // fx_rates is small (a row per currency per day at most).
  const { rows } = await sql<FxRow>`
    SELECT * FROM (
      (SELECT DISTINCT ON (currency) currency::text AS currency, valid_on, to_usd
         FROM fx_rates WHERE valid_on <= ${from}::date
        ORDER BY currency, valid_on DESC)
      UNION ALL
      (SELECT currency::text, valid_on, to_usd
         FROM fx_rates WHERE valid_on > ${from}::date AND valid_on <= ${to}::date)
    ) r
    ORDER BY currency, valid_on`.execute(billing);
  return spreadOverDays(rows, eachDay(from, to));
}

/** Lays each currency's rates (sorted by currency, valid_on) over the days, each day taking the last rate on or before it. */
export function spreadOverDays(rows: FxRow[], days: string[]): FxByDay {
  const table: FxByDay = new Map();
  for (let i = 0; i < rows.length; ) {
    const currency = (rows[i] as FxRow).currency;
    const perDay: (string | undefined)[] = [];
    let rate: string | undefined;
    for (const day of days) {
      while (i < rows.length && (rows[i] as FxRow).currency === currency && (rows[i] as FxRow).valid_on <= day) {
        rate = (rows[i] as FxRow).to_usd;
        i++;
      }
      perDay.push(rate);
    }
    while (i < rows.length && (rows[i] as FxRow).currency === currency) i++;
    table.set(currency, perDay);
  }
  return table;
}

/**
 * The SELECT of each currency's rates as two arrays, oldest first, for a
 * CTE (`fx AS (${FX_TABLE})`) that usdRateOn reads: a binary search
 * (width_bucket) and a lookup per amount, where a probe of fx_rates' index
 * per amount costs more than the rest of its work. Rates (numeric(18,8))
 * travel as integers × 10^8 and come back as the same numeric, scale 8.
 */
export const FX_TABLE = sql<{ currency: string; valid_on: string[]; to_usd_e8: string[] }>`
  SELECT currency, array_agg(valid_on ORDER BY valid_on) AS valid_on,
         array_agg((to_usd * 100000000)::int8 ORDER BY valid_on) AS to_usd_e8
  FROM fx_rates
  GROUP BY currency`;

/**
 * The USD rate of `currency` in force on `day` (1 for USD; null when billing
 * has none), given `fx`, the row of FX_TABLE for that currency (left-joined).
 */
export function usdRateOn(currency: Expression<string>, day: Expression<string>, fx = "fx") {
  return sql<string | null>`CASE WHEN ${currency} = 'USD' THEN 1
    ELSE ${sql.ref(`${fx}.to_usd_e8`)}[width_bucket(${day}, ${sql.ref(`${fx}.valid_on`)})]::numeric * 0.00000001 END`;
}

/** A result row that counts the items whose amount could not be converted to USD. */
export interface UnconvertedCount {
  unconverted: number;
  /** One such currency, when the query can name it. */
  unconverted_currency?: string | null;
}

/**
 * Throws when some amounts had no fx rate in force: counting them as 0 or at
 * rate 1 would show a wrong number as if it were right. A SourceError naming
 * billing (where fx_rates lives), because runReport passes those through with
 * their message; any other error would reach the page as "refused the query".
 */
export function refuseUnconverted(
  rows: UnconvertedCount[],
  what: string,
  rateDate: string,
  currencies: readonly string[] = [],
): void {
  const count = rows.reduce((n, r) => n + r.unconverted, 0);
  if (count === 0) return;
  const named = new Set(currencies);
  for (const r of rows) if (r.unconverted > 0 && r.unconverted_currency) named.add(r.unconverted_currency);
  const list = [...named].sort().join(", ");
  throw new SourceError(
    "query_failed",
    "billing",
    `${count} ${what} are in ${list}, but billing's fx_rates has no rate in force on ${rateDate}. Add the missing rates in billing, then run the report again.`,
  );
}

/** Drops the unconverted counts once they have been checked. */
export function withoutUnconverted<T extends UnconvertedCount>(row: T): Omit<T, keyof UnconvertedCount> {
  const { unconverted: _n, unconverted_currency: _c, ...rest } = row;
  return rest;
}
