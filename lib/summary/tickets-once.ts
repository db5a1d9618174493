import "server-only";
import { type RawBuilder, sql } from "kysely";
import { DAY_ZERO } from "./days";

/*
 * Distinct tickets over days, counted exactly from day rows (the scorecard's
 * tickets a tech touched, profitability's tickets of a customer with time):
 * a day row keeps, for each ticket it holds, the day of the ticket's
 * previous row (`prev_days`, sorted day numbers since DAY_ZERO), or counts
 * it in `tickets_first` when there is none. A ticket counts in a range once,
 * on its first day there: the one whose previous day is before the range,
 * width_bucket(from − 1, prev_days), a binary search. Written once here, for
 * the three statements each such summary has.
 */

/** In `summarize`, grouped by day: the two columns from each ticket's previous day number `prevNo` (null: none). */
export function ticketsOnceColumns(prevNo: string): RawBuilder<unknown> {
  const prev = sql.ref(prevNo);
  return sql`count(*) FILTER (WHERE ${prev} IS NULL) AS tickets_first,
             array_agg(${prev} ORDER BY ${prev}) FILTER (WHERE ${prev} IS NOT NULL) AS prev_days`;
}

/**
 * In a rollup of `day_rows` (a block's days as one row per `key`): the previous days still needed, those
 * before the block's first day (a range the block answers begins on or before it, so a previous day within
 * the block is never before the range), as a relation (key, prev_days) to join.
 */
export function rolledUpPrevDays(key: string): RawBuilder<unknown> {
  const k = sql.ref(`d.${key}`);
  return sql`(
      SELECT ${k}, array_agg(p ORDER BY p) AS prev_days
      FROM day_rows d, unnest(d.prev_days) p
      WHERE p < (SELECT min(day) - ${DAY_ZERO}::date FROM day_rows)
      GROUP BY ${k}
    )`;
}

/**
 * In a combine over the range from `from`: each group's distinct tickets. Summed as int4 into an int8
 * (a day's count never nears 2^31; sum(int8) would accumulate in numeric, twice as slow over 44k groups).
 */
export function ticketsOnce(from: string): RawBuilder<number> {
  return sql<number>`sum(tickets_first::int4 + coalesce(width_bucket(${from}::date - ${DAY_ZERO}::date - 1, prev_days), 0))`;
}
