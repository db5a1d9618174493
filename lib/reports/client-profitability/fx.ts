import { type Kysely, sql } from "kysely";
import type { Billing } from "../../db/types";

/**
 * The USD rate of each currency on each day of [from, to]: the fx_rates row
 * with the greatest valid_on ≤ that day; undefined on a day before the
 * currency's first rate. Indexed by day number - 1 (day 1 is `from`).
 */
export type FxByDay = Map<string, (string | undefined)[]>;

interface FxRow {
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
  return spreadOverDays(rows, daysOf(from, to));
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

/** Every calendar day of [from, to], as 'YYYY-MM-DD'. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
