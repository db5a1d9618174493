import "server-only";
import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import { SourceError } from "../../db/errors";
import type { Billing, Helpdesk } from "../../db/types";
import { scaled } from "../../money";
import { eachDay, rangeInstants, startOfDayIn } from "../../params/dates";
import { type FxByDay, fxRatesByDay } from "../billing/fx";

/*
 * The cost of a time entry: its minutes / 60 × the tech's hourly cost in
 * force on the entry's date (tech_cost_rates row with the greatest
 * valid_from on or before it), converted to USD at the fx rate in force that
 * date, rounded to the cent half away from zero once per entry.
 */

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
  return costTable(rows, fx, eachDay(from, to));
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

export interface EntryWindow {
  from: string;
  to: string;
  timeZone: string;
  costs: HourCosts;
  /** Only entries on tickets of these customers (a `SELECT id …` subquery); all customers when absent. */
  customers?: Expression<number>;
  /** Only entries on these tickets (a `SELECT id …` subquery); all tickets when absent. */
  tickets?: Expression<number>;
}

/** One row of `entries` (costedEntries). */
export interface CostedEntry {
  id: number;
  ticket_id: number;
  tech_id: number;
  started_at: Date;
  minutes: number;
  /** The entry's date in the reporting zone. */
  day: string;
  /** Integer USD cents (int8, as a string); 0 without a rate. */
  cents: string;
  missing_rate: boolean;
  unconverted: boolean;
}

/**
 * The CTEs (to follow a WITH; typed by the rows of the last) that yield `entries`: every time entry whose
 * started_at is in [from 00:00, to + 1 00:00) in the reporting zone, with its
 * cost in integer USD cents.
 *
 * An entry's date is its started_at's date in the reporting zone. Its cost is
 * minutes / 60 × the tech's hourly cost in USD on that date (hourCosts),
 * rounded to the cent half away from zero, once per entry. An entry with no
 * rate in force costs 0 and is flagged `missing_rate`; an entry whose rate
 * had no fx rate is flagged `unconverted` (callers refuse to answer then).
 *
 * Built for millions of entries: the entry's day number comes from a binary
 * search of its instant among the range's local midnights (width_bucket),
 * cheaper than AT TIME ZONE and right across DST changes since the midnights
 * are computed in the zone; its rate is a second binary search, in the rate
 * keys, and its price a few array lookups (hourCosts), no join; its
 * cents are integer arithmetic. Nothing but the scan and the grouping is
 * left for the planner to get wrong.
 */
export function costedEntries(w: EntryWindow): RawBuilder<CostedEntry> {
  const { start, end } = rangeInstants(w.from, w.to, w.timeZone);
  const midnights = eachDay(w.from, w.to).map((day) => startOfDayIn(day, w.timeZone));
  const onlyCustomers = w.customers
    ? sql`AND te.ticket_id IN (SELECT t.id FROM tickets t WHERE t.customer_id IN (${w.customers}))`
    : sql``;
  const onlyTickets = w.tickets ? sql`AND te.ticket_id IN (${w.tickets})` : sql``;
  return sql<CostedEntry>`
    cost_table AS (
      SELECT ${w.costs.rateKeys}::int8[] AS rate_keys, ${w.costs.rateCents}::int8[] AS rate_cents,
             ${w.costs.rateCurrency}::int[] AS rate_currency, ${w.costs.fx}::int8[] AS fx,
             ${w.costs.days}::int AS days, ${midnights}::timestamptz[] AS midnights
    ),
    in_range AS (
      SELECT te.id, te.ticket_id, te.tech_id, te.started_at, te.minutes,
             width_bucket(te.started_at, ct.midnights) AS day_no
      FROM time_entries te
      CROSS JOIN cost_table ct
      WHERE te.started_at >= ${start} AND te.started_at < ${end} ${onlyCustomers} ${onlyTickets}
      OFFSET 0 -- fences: each step reads the one before once (day_no, then k), not a fresh width_bucket per use
    ),
    rated AS (
      SELECT e.*, width_bucket(e.tech_id::int8 * ${DAY_SPAN}::int8 + e.day_no, ct.rate_keys) AS k
      FROM in_range e
      CROSS JOIN cost_table ct
      OFFSET 0
    ),
    priced AS (
      SELECT r.id, r.ticket_id, r.tech_id, r.started_at, r.minutes, r.day_no,
             CASE WHEN r.k < 1 OR ct.rate_keys[r.k] / ${DAY_SPAN}::int8 <> r.tech_id THEN ${NO_RATE}::int8
                  WHEN ct.rate_currency[r.k] = 0 THEN ct.rate_cents[r.k] * ${USD_E8}::int8
                  WHEN ct.fx[(ct.rate_currency[r.k] - 1) * ct.days + r.day_no] < 0 THEN ${NO_FX}::int8
                  ELSE ct.rate_cents[r.k] * ct.fx[(ct.rate_currency[r.k] - 1) * ct.days + r.day_no] END AS price
      FROM rated r
      CROSS JOIN cost_table ct
      OFFSET 0 -- and the price is computed here, so no sort or hash above carries the arrays
    ),
    entries AS (
      SELECT id, ticket_id, tech_id, started_at, minutes, ${w.from}::date + (day_no - 1) AS day,
             CASE WHEN price >= 0 THEN (minutes * price + ${HALF_CENT}::int8) / ${CENT}::int8 ELSE 0 END AS cents,
             price = ${NO_RATE}::int8 AS missing_rate,
             price = ${NO_FX}::int8 AS unconverted
      FROM priced
    )`;
}

/** Dollars with 2 decimals from a sum of integer cents (× 0.01 keeps the scale at exactly 2). */
export function dollars(cents: Expression<unknown>): RawBuilder<string> {
  return sql<string>`(${cents}) * 0.01`;
}

/*
 * A price is in 10^-10 USD per hour, so an entry's cost in cents is
 * minutes × price / (60 × 10^10 / 100); adding half the divisor before the
 * integer division rounds half up, which for costs (never negative) is half
 * away from zero. int8 holds minutes × price for any entry shorter than
 * about 9 × 10^8 / (hourly USD) minutes (a $1,000 rate: 640 days); past that
 * PostgreSQL raises "bigint out of range", never a wrong sum.
 */
export const CENT = "6000000000";
export const HALF_CENT = "3000000000";
/** A USD rate in cents, times 10^8, is in 10^-10 USD like a converted one. */
const USD_E8 = "100000000";
/** Price sentinels: no cost rate in force; a rate in a currency with no fx rate that day. */
export const NO_RATE = "-1";
export const NO_FX = "-2";
