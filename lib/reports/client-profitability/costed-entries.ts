import { type RawBuilder, sql } from "kysely";
import { rangeInstants, startOfDayIn } from "../../params/dates";
import { daysOf } from "./fx";
import { DAY_SPAN, type HourCosts } from "./hour-costs";

export interface EntryWindow {
  from: string;
  to: string;
  timeZone: string;
  costs: HourCosts;
  /** Only entries on tickets of these customers (a `SELECT id …` subquery); all customers when absent. */
  customers?: RawBuilder<unknown>;
  /**
   * Count only the tickets with no time entry in [start, end) (the months a
   * monthly summary already counted them in): how the days around summarized
   * months add their tickets without counting one twice (load.ts).
   */
  ticketsNotIn?: { start: Date; end: Date };
}

/** Whether the ticket `ticketId` counts (see EntryWindow.ticketsNotIn): one probe of time_entries(ticket_id, started_at). */
export function ticketCounts(w: EntryWindow, ticketId: RawBuilder<unknown>): RawBuilder<boolean> {
  if (!w.ticketsNotIn) return sql<boolean>`true`;
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM time_entries x
    WHERE x.ticket_id = ${ticketId} AND x.started_at >= ${w.ticketsNotIn.start} AND x.started_at < ${w.ticketsNotIn.end})`;
}

/**
 * The CTEs (to follow a WITH) that yield `entries`: every time entry whose
 * started_at is in [from 00:00, to + 1 00:00) in the reporting zone, with its
 * cost in integer USD cents.
 *
 * An entry's date is its started_at's date in the reporting zone. Its cost is
 * minutes / 60 × the tech's hourly cost in USD on that date (hour-costs.ts),
 * rounded to the cent half away from zero, once per entry. An entry with no
 * rate in force costs 0 and is flagged `missing_rate`; an entry whose rate
 * had no fx rate is flagged `unconverted` (callers refuse to answer then).
 *
 * Built for millions of entries: the entry's day number comes from a binary
 * search of its instant among the range's local midnights (width_bucket),
 * cheaper than AT TIME ZONE and right across DST changes since the midnights
 * are computed in the zone; its rate is a second binary search, in the rate
 * keys, and its price a few array lookups (hour-costs.ts), no join; its
 * cents are integer arithmetic. Nothing but the scan and the grouping is
 * left for the planner to get wrong.
 */
export function costedEntries(w: EntryWindow): RawBuilder<unknown> {
  const { start, end } = rangeInstants(w.from, w.to, w.timeZone);
  const midnights = daysOf(w.from, w.to).map((day) => startOfDayIn(day, w.timeZone));
  const onlyCustomers = w.customers
    ? sql`AND te.ticket_id IN (SELECT t.id FROM tickets t WHERE t.customer_id IN (${w.customers}))`
    : sql``;
  return sql`
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
      WHERE te.started_at >= ${start} AND te.started_at < ${end} ${onlyCustomers}
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
export function dollars(cents: RawBuilder<unknown>): RawBuilder<string> {
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
