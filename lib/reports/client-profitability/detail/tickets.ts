import { sql } from "kysely";
import { hoursOf } from "../../../money";
import { refuseUnconverted, type UnconvertedCount } from "../../../sql/billing/fx";
import { costedEntries, dollars, hourCosts } from "../../../sql/helpdesk/cost-rates";
import type { QueryContext } from "../../types";
import { customersOf } from "../client-customers";
import { tuneForLabor } from "../tuning";
import type { ClientDetailParams } from "./params";

export type ClientTicketRow = {
  ticket_id: number;
  subject: string;
  customer: string;
  status: string;
  hours: string;
  labor_cost: string;
  entries: number;
  missing_rates: number;
  techs: string[];
  minutes: number;
};

/** The client's tickets with time in the range, costliest first: where its labor cost went. */
export async function clientTickets(
  ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone" | "limit">,
  p: ClientDetailParams,
) {
  const costs = await hourCosts(ctx, p.from, p.to);
  await tuneForLabor(ctx.helpdesk);
  const { rows } = await sql<Omit<ClientTicketRow, "hours"> & UnconvertedCount>`
    WITH ${costedEntries({ from: p.from, to: p.to, timeZone: ctx.timeZone, costs, customers: customersOf(p.client) })},
    per_ticket AS (
      SELECT e.ticket_id, sum(e.minutes) AS minutes, ${dollars(sql`sum(e.cents)`)} AS labor_cost, count(*) AS entries,
             count(*) FILTER (WHERE e.missing_rate) AS missing_rates,
             array_agg(DISTINCT tech.login ORDER BY tech.login) AS techs,
             count(*) FILTER (WHERE e.unconverted) AS unconverted
      FROM entries e
      JOIN techs tech ON tech.id = e.tech_id
      GROUP BY e.ticket_id
    )
    SELECT pt.ticket_id, t.subject, c.name AS customer, t.status,
           pt.minutes::int8 AS minutes, pt.labor_cost, pt.entries, pt.missing_rates, pt.techs,
           pt.unconverted
    FROM per_ticket pt
    JOIN tickets t ON t.id = pt.ticket_id
    JOIN customers c ON c.id = t.customer_id
    ORDER BY pt.labor_cost DESC, pt.minutes DESC, pt.ticket_id
    LIMIT ${Number.isFinite(ctx.limit) ? ctx.limit : null}`.execute(ctx.helpdesk);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  return rows.map(
    ({ unconverted: _n, unconverted_currency: _c, ...r }): ClientTicketRow => ({ ...r, hours: hoursOf(r.minutes) }),
  );
}
