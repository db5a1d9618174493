import "server-only";
import { type Expression, sql } from "kysely";
import { OFFICE_WEEK } from "./office-week";

const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
const OPENS = clock(OFFICE_WEEK.opensHour);
const CLOSES = clock(OFFICE_WEEK.closesHour);

/**
 * Each office's hours (office-week.ts) over [start, end) as one row (office_id, bounds): the
 * sorted instants it opens and closes on every weekday of its own calendar
 * that the range touches (a day either side to spare), computed in the
 * office's zone, so daylight saving moves them: London opens at 08:00 UTC
 * in winter and 07:00 UTC in summer.
 */
export function officeHours(start: Expression<Date> | Date, end: Expression<Date> | Date) {
  return sql<{ office_id: number; bounds: Date[] }>`
    SELECT o.id AS office_id, array_agg(b.at ORDER BY b.at) AS bounds
    FROM offices o
    CROSS JOIN generate_series((${start}::timestamptz AT TIME ZONE o.timezone)::date - 1,
                               (${end}::timestamptz AT TIME ZONE o.timezone)::date + 1, interval '1 day') AS d(day)
    CROSS JOIN LATERAL (VALUES ((d.day::date + ${OPENS}::time) AT TIME ZONE o.timezone),
                               ((d.day::date + ${CLOSES}::time) AT TIME ZONE o.timezone)) AS b(at)
    WHERE extract(isodow FROM d.day) <= ${OFFICE_WEEK.lastWeekday}
    GROUP BY o.id`;
}

/**
 * Whether `at` falls after hours, given its office's `bounds` (officeHours):
 * the number of bounds at or before `at` is odd inside office hours (after
 * an opening) and even outside. One binary search per act, several times
 * cheaper than converting every act to local time.
 */
export function afterHours(at: Expression<Date>, bounds: Expression<Date[]>) {
  return sql<boolean>`width_bucket(${at}, ${bounds}) % 2 = 0`;
}
