import { type Expression, type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { rangeInstants, startOfDayIn } from "../../params/dates";
import { daysOf, refuseUnconverted, type UnconvertedCount, withoutUnconverted } from "../../sql/billing/fx";
import {
  CENT,
  costedEntries,
  dollars,
  type EntryWindow,
  HALF_CENT,
  NO_FX,
  NO_RATE,
} from "../../sql/helpdesk/cost-rates";
import { type DayPrices, dayPrices } from "./day-prices";
import { tuneForLabor } from "./tuning";

export interface LaborWindow extends EntryWindow {
  /**
   * Count only the tickets with no time entry in [start, end) (the months a
   * monthly summary already counted them in): how the days around summarized
   * months add their tickets without counting one twice (load.ts).
   */
  ticketsNotIn?: { start: Date; end: Date };
}

/** Whether the ticket `ticketId` counts (see LaborWindow.ticketsNotIn): one probe of time_entries(ticket_id, started_at). */
function ticketCounts(w: LaborWindow, ticketId: Expression<number>) {
  if (!w.ticketsNotIn) return sql<boolean>`true`;
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM time_entries x
    WHERE x.ticket_id = ${ticketId} AND x.started_at >= ${w.ticketsNotIn.start} AND x.started_at < ${w.ticketsNotIn.end})`;
}

/** Labor on one helpdesk customer's tickets in the range. */
export interface CustomerLabor {
  customer_id: number;
  customer: string;
  account_no: string | null;
  minutes: number;
  /** exact sum of the entries' cents */
  labor_cost: string;
  tickets: number;
  missing_rates: number;
}

/**
 * One row per helpdesk customer with time in the range: entries summed per
 * ticket (a ticket is counted once however many entries it has), then per
 * customer. Every client at once takes the fast path below; one client's
 * (the drill-down's summary) has few entries and prices them as the detail
 * pages do.
 */
export async function laborByCustomer(helpdesk: Kysely<Helpdesk>, w: LaborWindow): Promise<CustomerLabor[]> {
  await tuneForLabor(helpdesk);
  const prices = w.customers ? undefined : dayPrices(w.costs);
  const rows = prices ? await allCustomers(helpdesk, w, prices) : await someCustomers(helpdesk, w);
  refuseUnconverted(rows, "time entries", "their date", w.costs.unconvertible);
  return rows.map(withoutUnconverted);
}

type LaborRow = CustomerLabor & UnconvertedCount;

/**
 * Every customer, built for millions of entries (issue #6). Nothing is hashed
 * per entry: entries come in ticket order from time_entries(ticket_id,
 * started_at) and meet tickets in id order (a merge join of two index-only
 * scans), so each ticket's sums are a running total and only the per-ticket
 * rows reach the one hash, by customer. Each entry is priced with two array
 * lookups (day-prices.ts) once its day number is known.
 *
 * The tickets read that way are those between the lowest ticket among the
 * range's first entries and the highest among its last: a ticket's time is
 * logged within weeks of its creation, so that span holds almost every
 * ticket with time in the range and few others. The entries of tickets
 * outside it (a ticket worked on for months) are found by the started_at
 * index and summed the same way: the two parts split the entries by ticket,
 * so the result is exact however the span is chosen.
 */
async function allCustomers(helpdesk: Kysely<Helpdesk>, w: LaborWindow, prices: DayPrices): Promise<LaborRow[]> {
  const { start, end } = rangeInstants(w.from, w.to, w.timeZone);
  const { rows: spans } = await sql<{ lo: string | null; hi: string | null }>`
    SELECT (SELECT min(ticket_id) FROM (SELECT ticket_id FROM time_entries
              WHERE started_at >= ${start} AND started_at < ${end} ORDER BY started_at LIMIT ${SAMPLE}) f) AS lo,
           (SELECT max(ticket_id) + 1 FROM (SELECT ticket_id FROM time_entries
              WHERE started_at >= ${start} AND started_at < ${end} ORDER BY started_at DESC LIMIT ${SAMPLE}) l) AS hi`.execute(
    helpdesk,
  );
  const { lo, hi } = spans[0] ?? {};
  if (lo == null || hi == null) return []; // no entry in the range
  const midnights = daysOf(w.from, w.to).map((day) => startOfDayIn(day, w.timeZone));
  // The entry's day number (binary search among the range's local midnights, right across DST
  // changes), then its price; NULL (a tech without a slot) is no rate. The arrays are read
  // from price_table, so both parts below share one copy of each.
  const price = sql`coalesce(((SELECT prices FROM price_table))[
      ((SELECT slots FROM price_table))[te.tech_id] * ${prices.days}::int - ${prices.days}::int
      + width_bucket(te.started_at, (SELECT midnights FROM price_table))], ${NO_RATE}::int8)`;
  const inRange = sql`te.started_at >= ${start} AND te.started_at < ${end}`;
  // Cents per entry, rounded half up (costed-entries.ts); int4 holds them wherever the int8 product
  // did not overflow. A ticket's minutes and counts are int4 too, so the sums per customer below
  // keep their running totals in the hash entry (int8) rather than in memory of their own.
  const perTicket = sql`
    max(customer_id) AS customer_id, sum(minutes)::int4 AS minutes,
    sum(CASE WHEN price >= 0 THEN ((minutes * price + ${HALF_CENT}::int8) / ${CENT}::int8)::int4 ELSE 0 END) AS cents,
    (count(*) FILTER (WHERE price = ${NO_RATE}::int8))::int4 AS missing_rates,
    (count(*) FILTER (WHERE price = ${NO_FX}::int8))::int4 AS unconverted`;
  const { rows } = await sql<LaborRow>`
    WITH price_table AS (
      SELECT ${prices.slots}::int[] AS slots, ${prices.prices}::int8[] AS prices, ${midnights}::timestamptz[] AS midnights
    ),
    per_ticket AS (
      SELECT ticket_id, ${perTicket}
      FROM (
        SELECT t.id AS ticket_id, t.customer_id, te.minutes, ${price} AS price
        FROM tickets t
        JOIN time_entries te ON te.ticket_id = t.id
        WHERE t.id >= ${lo}::int8 AND t.id < ${hi}::int8 AND te.ticket_id >= ${lo}::int8 AND te.ticket_id < ${hi}::int8
          AND ${inRange}
        -- OFFSET 0: each entry priced once, not once per aggregate reading the price; in ticket order.
        ORDER BY t.id OFFSET 0
      ) e
      GROUP BY ticket_id
      UNION ALL
      SELECT ticket_id, ${perTicket}
      FROM (
        SELECT te.ticket_id, (SELECT t.customer_id FROM tickets t WHERE t.id = te.ticket_id) AS customer_id,
               te.minutes, ${price} AS price
        FROM time_entries te
        WHERE (te.ticket_id < ${lo}::int8 OR te.ticket_id >= ${hi}::int8) AND ${inRange}
        OFFSET 0
      ) e
      GROUP BY ticket_id
    ),
    per_customer AS (
      SELECT customer_id, sum(minutes) AS minutes, sum(cents) AS cents,
             count(*) FILTER (WHERE ${ticketCounts(w, sql.ref<number>("per_ticket.ticket_id"))}) AS tickets,
             sum(missing_rates) AS missing_rates, sum(unconverted) AS unconverted
      FROM per_ticket
      GROUP BY customer_id
    )
    ${customerRows}`.execute(helpdesk);
  return rows;
}

/** Both paths end the same way: the per-customer sums (CTE per_customer) with the customer's name and account. */
const customerRows = sql`
  SELECT c.id AS customer_id, c.name AS customer, c.billing_account_no AS account_no,
         pc.minutes::int8 AS minutes, ${dollars(sql`pc.cents`)} AS labor_cost, pc.tickets::int8 AS tickets,
         pc.missing_rates::int8 AS missing_rates,
         pc.unconverted::int8 AS unconverted
  FROM per_customer pc
  JOIN customers c ON c.id = pc.customer_id`;

/** Entries the range's first and last few of which bound the tickets read in ticket order. */
const SAMPLE = 10_000;

/**
 * Some customers' tickets (`w.customers`), or every customer when the price
 * table would be too large: entries priced one by one (costed-entries.ts),
 * summed per ticket, and only those sums meet `tickets` to find their customer.
 */
async function someCustomers(helpdesk: Kysely<Helpdesk>, w: LaborWindow): Promise<LaborRow[]> {
  const { rows } = await sql<LaborRow>`
    WITH ${costedEntries(w)},
    -- MATERIALIZED: grouped once, in parallel when the planner can, and not
    -- again inside each parallel worker of the join below.
    per_ticket AS MATERIALIZED (
      SELECT ticket_id, sum(minutes) AS minutes, sum(cents) AS cents,
             count(*) FILTER (WHERE missing_rate) AS missing_rates,
             count(*) FILTER (WHERE unconverted) AS unconverted
      FROM entries
      GROUP BY ticket_id
    ),
    ticket_ids AS (SELECT min(ticket_id) AS lo, max(ticket_id) AS hi FROM per_ticket),
    per_customer AS (
      SELECT t.customer_id, sum(pt.minutes) AS minutes, sum(pt.cents) AS cents,
             count(*) FILTER (WHERE ${ticketCounts(w, sql.ref<number>("pt.ticket_id"))}) AS tickets,
             sum(pt.missing_rates) AS missing_rates,
             sum(pt.unconverted) AS unconverted
      FROM per_ticket pt
      JOIN tickets t ON t.id = pt.ticket_id
      -- Tickets with time in a range are mostly recent ones: reading tickets by
      -- id between the lowest and highest of them skips the older history.
      WHERE t.id >= (SELECT lo FROM ticket_ids) AND t.id <= (SELECT hi FROM ticket_ids)
      GROUP BY t.customer_id
    )
    ${customerRows}`.execute(helpdesk);
  return rows;
}
