import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { costedEntries, dollars, type EntryWindow } from "./costed-entries";
import { tuneForLabor } from "./tuning";
import { refuseUnconverted, type UnconvertedCount, withoutUnconverted } from "./unconverted";

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
 * One row per helpdesk customer with time in the range. Entries are first
 * summed per ticket (one pass over the range's entries), and only those
 * per-ticket sums meet `tickets` to find their customer: far fewer lookups
 * than one per entry, and a ticket is counted once however many entries it has.
 */
export async function laborByCustomer(helpdesk: Kysely<Helpdesk>, w: EntryWindow): Promise<CustomerLabor[]> {
  await tuneForLabor(helpdesk);
  const { rows } = await sql<CustomerLabor & UnconvertedCount>`
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
      SELECT t.customer_id, sum(pt.minutes) AS minutes, sum(pt.cents) AS cents, count(*) AS tickets,
             sum(pt.missing_rates) AS missing_rates,
             sum(pt.unconverted) AS unconverted
      FROM per_ticket pt
      JOIN tickets t ON t.id = pt.ticket_id
      -- Tickets with time in a range are mostly recent ones: reading tickets by
      -- id between the lowest and highest of them skips the older history.
      WHERE t.id >= (SELECT lo FROM ticket_ids) AND t.id <= (SELECT hi FROM ticket_ids)
      GROUP BY t.customer_id
    )
    SELECT c.id AS customer_id, c.name AS customer, c.billing_account_no AS account_no,
           pc.minutes::int8 AS minutes, ${dollars(sql`pc.cents`)} AS labor_cost, pc.tickets::int8 AS tickets,
           pc.missing_rates::int8 AS missing_rates,
           pc.unconverted::int8 AS unconverted
    FROM per_customer pc
    JOIN customers c ON c.id = pc.customer_id`.execute(helpdesk);
  refuseUnconverted(rows, "time entries", "their date", w.costs.unconvertible);
  return rows.map(withoutUnconverted);
}
