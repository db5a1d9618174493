import { sql } from "kysely";
import { Dec, hoursOf, percentOf } from "../../../money";
import { refuseUnconverted, type UnconvertedCount } from "../../../sql/billing/fx";
import { costedEntries, dollars, hourCosts } from "../../../sql/helpdesk/cost-rates";
import type { QueryContext } from "../../types";
import { customersOf } from "../client-customers";
import { tuneForLabor } from "../tuning";
import type { ClientDetailParams } from "./params";

export type ClientTechRow = {
  login: string;
  full_name: string;
  hours: string;
  /** this tech's share of the client's hours, 0–100 with 2 decimals */
  hours_share: string | null;
  labor_cost: string;
  tickets: number;
  entries: number;
  missing_rates: number;
  minutes: number;
};

/** Who spent the client's time in the range, most hours first. */
export async function clientTechs(ctx: Pick<QueryContext, "helpdesk" | "billing" | "timeZone">, p: ClientDetailParams) {
  const costs = await hourCosts(ctx, p.from, p.to);
  await tuneForLabor(ctx.helpdesk);
  const { rows } = await sql<Omit<ClientTechRow, "hours" | "hours_share"> & UnconvertedCount>`
    WITH ${costedEntries({ from: p.from, to: p.to, timeZone: ctx.timeZone, costs, customers: customersOf(p.client) })}
    SELECT tech.login, tech.full_name, sum(e.minutes)::int8 AS minutes, ${dollars(sql`sum(e.cents)`)} AS labor_cost,
           count(DISTINCT e.ticket_id) AS tickets, count(*) AS entries,
           count(*) FILTER (WHERE e.missing_rate) AS missing_rates,
           count(*) FILTER (WHERE e.unconverted) AS unconverted
    FROM entries e
    JOIN techs tech ON tech.id = e.tech_id
    GROUP BY tech.id, tech.login, tech.full_name
    ORDER BY minutes DESC, tech.login`.execute(ctx.helpdesk);
  refuseUnconverted(rows, "time entries", "their date", costs.unconvertible);
  const total = rows.reduce((n, r) => n + r.minutes, 0);
  return rows.map(
    ({ unconverted: _n, unconverted_currency: _c, ...r }): ClientTechRow => ({
      ...r,
      hours: hoursOf(r.minutes),
      hours_share: percentOf(new Dec(r.minutes), new Dec(total)),
    }),
  );
}
