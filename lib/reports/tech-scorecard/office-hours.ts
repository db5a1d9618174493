import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";

/** Office hours: Monday to Friday, from 08:00 (in hours) to 18:00 (after hours), local time. */
const OPENS = "08:00";
const CLOSES = "18:00";

/** An office's hours over a range, as the sorted instants they open and close: [open, close, open, close, …]. */
export interface OfficeHours {
  office_id: number;
  bounds: Date[];
}

/**
 * The instants each office opens and closes on every weekday of its own
 * calendar that [start, end) touches (a day either side to spare), computed
 * by PostgreSQL in the office's zone, so daylight saving moves them: London
 * opens at 08:00 UTC in winter and 07:00 UTC in summer.
 */
export async function officeHours(
  db: Kysely<Helpdesk>,
  officeIds: number[],
  start: Date,
  end: Date,
): Promise<OfficeHours[]> {
  const result = await sql<OfficeHours>`
    SELECT o.id AS office_id, array_agg(b.at ORDER BY b.at) AS bounds
    FROM offices o
    CROSS JOIN generate_series((${start}::timestamptz AT TIME ZONE o.timezone)::date - 1,
                               (${end}::timestamptz AT TIME ZONE o.timezone)::date + 1, interval '1 day') AS d(day)
    CROSS JOIN LATERAL (VALUES ((d.day::date + ${OPENS}::time) AT TIME ZONE o.timezone),
                               ((d.day::date + ${CLOSES}::time) AT TIME ZONE o.timezone)) AS b(at)
    WHERE o.id = ANY(${officeIds}::int[]) AND extract(isodow FROM d.day) <= 5
    GROUP BY o.id`.execute(db);
  return result.rows;
}

/**
 * The office hours as a relation `(office_id, bounds)` for the main query to
 * join on, from bound parameters (no function or table of our own on a replica).
 */
export function officeHoursTable(hours: OfficeHours[]): RawBuilder<unknown> {
  const rows = hours.map((h) => sql`(${h.office_id}::int, ${h.bounds}::timestamptz[])`);
  return sql`(VALUES ${sql.join(rows)}) AS oh(office_id, bounds)`;
}

/**
 * Whether `at` falls after hours, given its office's `bounds` (see
 * officeHours): the number of bounds at or before `at` is odd inside office
 * hours (after an opening) and even outside. One binary search per act,
 * several times cheaper than converting every act to local time.
 */
export function afterHours(at: RawBuilder<unknown>, bounds: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`width_bucket(${at}, ${bounds}) % 2 = 0`;
}
