import { type Kysely, sql } from "kysely";
import { SourceError } from "../../db/errors";
import type { Billing, Helpdesk } from "../../db/types";
import { daysOf, type FxByDay, fxRatesByDay } from "./fx";

/**
 * What the helpdesk query needs to price any entry: the cost rates in force
 * during the range and the fx rates of each day, as a few small bound arrays
 * (rates live in helpdesk, fx rates in billing: no single query can join
 * them). Everything is an integer, so SQL prices millions of entries with
 * integer arithmetic and array lookups, no join:
 *
 *   k     = width_bucket(tech_id × DAY_SPAN + day number, rateKeys)
 *           the last rate row at or before that (tech, day), if it is that tech's;
 *   price = rateCents[k] × (USD: 10^8 | fx[(rateCurrency[k] − 1) × days + day number])
 *           in 10^-10 USD per hour: hourly_cost has 2 decimals and to_usd 8, so
 *           this is exact.
 *
 * A day number counts from 1 (= from). A rate that came into force before
 * the range counts from day 1; older rates of the same tech are left out.
 */
export interface HourCosts {
  /** Sorted int8 keys tech_id × DAY_SPAN + the day number from which a rate is in force; starts with the sentinel 0. */
  rateKeys: string[];
  /** Hourly cost in cents, aligned with rateKeys. */
  rateCents: string[];
  /** 0 for USD, else the 1-based index of the rate's currency in `currencies`; aligned with rateKeys. */
  rateCurrency: number[];
  currencies: string[];
  /** Days in the range. */
  days: number;
  /** Currency-major: to_usd × 10^8 of currency c on day d at (c − 1) × days + d; −1 when billing has no rate. */
  fx: string[];
  /** Currencies that had no fx rate on a day where a rate in them was in force. */
  unconvertible: string[];
}

/** Larger than any range in days, so tech_id × DAY_SPAN + day keeps techs apart (and fits int8 for any int tech id). */
export const DAY_SPAN = 100_000;

interface RateRow {
  tech_id: number;
  valid_from: string;
  hourly_cost: string;
  currency: string;
}

export async function hourCosts(
  ctx: { helpdesk: Kysely<Helpdesk>; billing: Kysely<Billing> },
  from: string,
  to: string,
): Promise<HourCosts> {
  const [fx, { rows }] = await Promise.all([
    fxRatesByDay(ctx.billing, from, to),
    sql<RateRow>`
      SELECT tech_id, valid_from, hourly_cost, currency::text AS currency
      FROM tech_cost_rates
      WHERE valid_from <= ${to}::date
      ORDER BY tech_id, valid_from`.execute(ctx.helpdesk),
  ]);
  return costTable(rows, fx, daysOf(from, to));
}

/** Rates sorted by tech and valid_from, and each currency's rate per day, as the arrays the query reads. */
export function costTable(rates: RateRow[], fx: FxByDay, days: string[]): HourCosts {
  const from = days[0] ?? "";
  const currencies = [...new Set(rates.map((r) => r.currency).filter((c) => c !== "USD"))].sort();
  const out: HourCosts = {
    rateKeys: ["0"],
    rateCents: ["0"],
    rateCurrency: [0],
    currencies,
    days: days.length,
    fx: currencies.flatMap((c) =>
      days.map((_, d) => (fx.get(c)?.[d] ? scaled(fx.get(c)?.[d] as string, 8) : -1n).toString()),
    ),
    unconvertible: [],
  };
  const unconvertible = new Set<string>();
  rates.forEach((rate, i) => {
    const next = rates[i + 1];
    const until = next && next.tech_id === rate.tech_id ? next.valid_from : undefined;
    // A rate replaced on or before the first day never applies in the range.
    if (until !== undefined && until <= from) return;
    const cents = scaled(rate.hourly_cost, 2);
    if (rate.tech_id < 1) {
      throw new SourceError(
        "query_failed",
        "helpdesk",
        `Tech id ${rate.tech_id} is not positive: its costs cannot be keyed.`,
      );
    }
    if (cents < 0n) {
      throw new SourceError(
        "query_failed",
        "helpdesk",
        `Tech ${rate.tech_id} has a negative hourly cost (${rate.hourly_cost}) from ${rate.valid_from}.`,
      );
    }
    const firstDay = rate.valid_from <= from ? 1 : dayNumber(from, rate.valid_from);
    out.rateKeys.push((BigInt(rate.tech_id) * BigInt(DAY_SPAN) + BigInt(firstDay)).toString());
    out.rateCents.push(cents.toString());
    out.rateCurrency.push(rate.currency === "USD" ? 0 : currencies.indexOf(rate.currency) + 1);
    if (rate.currency !== "USD") {
      const lastDay = until === undefined ? days.length : Math.min(days.length, dayNumber(from, until) - 1);
      const perDay = fx.get(rate.currency);
      for (let d = firstDay; d <= lastDay; d++) if (!perDay?.[d - 1]) unconvertible.add(rate.currency);
    }
  });
  out.unconvertible = [...unconvertible].sort();
  return out;
}

/** The day number of `day` in a range starting `from` (from itself is 1). */
function dayNumber(from: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** An exact decimal string as an integer count of 10^-decimals ("45.03", 2 → 4503n). */
export function scaled(text: string, decimals: number): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  if (fraction.length > decimals) throw new RangeError(`${text} has more than ${decimals} decimals`);
  const value = BigInt(whole + fraction.padEnd(decimals, "0"));
  return negative ? -value : value;
}
