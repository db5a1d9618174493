import "server-only";
import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { costedEntries, type HourCosts } from "../../sql/helpdesk/cost-rates";
import { IN_QUEUE_STATUSES } from "../../sql/helpdesk/statuses";
import { subjectTemplate } from "../../sql/helpdesk/subject-template";

/** How kinds are split besides their template: not at all, by the ticket's current queue, or by channel. */
export const GROUPINGS = ["none", "queue", "channel"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The in-queue statuses as literals, so the recommended partial index on reopens (tech-scorecard.sql), whose predicate names them, applies. */
const IN_QUEUE_LITERALS = sql.join(IN_QUEUE_STATUSES.map((status) => sql.lit(status)));

/** How long after a resolve a return to the queues still counts as a reopen (as in the tech scorecard). */
export const REOPEN_WINDOW_DAYS = 14;

export interface KindRange {
  from: string;
  to: string;
  start: Date;
  end: Date;
  timeZone: string;
  group: Grouping;
}

/** One kind as the helpdesk answers it; money is added beside it (see report.ts). */
export type KindRow = {
  kind: string;
  group_key: string | null;
  group_label: string | null;
  example: string;
  tickets: number;
  share_pct: number;
  customers: number;
  monitoring_pct: number;
  hours: string;
  minutes: number;
  median_resolve_minutes: number | null;
  resolved: number;
  reopened: number;
  reopen_rate_pct: number | null;
  first_seen: Date;
  last_seen: Date;
  trend: number[];
};

/** A kind with its labor cost: what a manager sees. */
export type CostedKindRow = KindRow & {
  /** USD, exact, the sum of each entry's cost rounded to the cent. */
  labor_cost: string;
  /** Entries with no cost rate in force on their date (their cost counts as 0). */
  missing_rates: number;
  /** Entries whose rate had no fx rate on their date: the report refuses to answer then. */
  unconverted: number;
};

function groupOf(group: Grouping) {
  if (group === "queue") return { key: sql<string>`t.queue_id::text`, label: sql<string>`q.name` };
  if (group === "channel") return { key: sql<string>`t.channel`, label: sql<string>`t.channel` };
  return { key: sql<string | null>`NULL::text`, label: sql<string | null>`NULL::text` };
}

/**
 * The tickets created in [start, end), each with its kind and group: the one
 * relation every figure of the report (and its cost) is computed from.
 */
function kindTickets(r: KindRange) {
  const g = groupOf(r.group);
  // The template is worth computing once per distinct subject (a chain of regular expressions costs
  // ~0.1 ms), not once per ticket: alerts and requests repeat their subjects exactly.
  return sql`
    WITH subjects AS (
      SELECT DISTINCT t.subject FROM tickets t WHERE t.created_at >= ${r.start} AND t.created_at < ${r.end}
    ), templates AS MATERIALIZED (
      SELECT s.subject, ${subjectTemplate(sql.ref("s.subject"))} AS kind FROM subjects s
    )
    SELECT t.id, t.customer_id, t.channel, t.created_at, t.resolved_at, t.subject,
           tp.kind, ${g.key} AS group_key, ${g.label} AS group_label
    FROM tickets t JOIN queues q ON q.id = t.queue_id JOIN templates tp ON tp.subject = t.subject
    WHERE t.created_at >= ${r.start} AND t.created_at < ${r.end}`;
}

/**
 * Every kind of ticket created in the range with its figures, in one
 * statement. Hours: time entries on the kind's tickets whose started_at is in
 * the range. Time to resolve: created_at to the ticket's resolved_at (the
 * last time it entered resolved, whenever that was), over the kind's tickets
 * resolved at least once. Reopen rate: of those tickets, the ones whose
 * status went from resolved back to an in-queue status within 14 days of
 * that resolve (a gap of exactly 14 days counts), the next status event after it.
 */
export function kindRows(db: Kysely<Helpdesk>, r: KindRange): Promise<KindRow[]>;
/**
 * With `costs` (managers only), each kind also gets its labor cost: the
 * costing of lib/sql/helpdesk/cost-rates.ts over the same time entries as
 * the hours (started_at in the range, on the kind's tickets). Without, the
 * statement computes no money at all.
 */
export function kindRows(db: Kysely<Helpdesk>, r: KindRange, costs: HourCosts): Promise<CostedKindRow[]>;
export async function kindRows(db: Kysely<Helpdesk>, r: KindRange, costs?: HourCosts): Promise<KindRow[]> {
  const priced = costs
    ? {
        ctes: sql`${costedEntries({ from: r.from, to: r.to, timeZone: r.timeZone, costs })},`,
        perTicket: sql`, costed AS (
            SELECT e.ticket_id, sum(e.cents)::int8 AS cents,
                   count(*) FILTER (WHERE e.missing_rate)::int AS missing_rates,
                   count(*) FILTER (WHERE e.unconverted)::int AS unconverted
            FROM entries e JOIN k ON k.id = e.ticket_id GROUP BY e.ticket_id)`,
        join: sql`LEFT JOIN costed c ON c.ticket_id = k.id`,
        aggregates: sql`, coalesce(sum(c.cents), 0)::int8 AS cents,
            coalesce(sum(c.missing_rates), 0)::int AS missing_rates, coalesce(sum(c.unconverted), 0)::int AS unconverted`,
        columns: sql`, (s.cents * 0.01)::text AS labor_cost, s.missing_rates, s.unconverted`,
      }
    : { ctes: sql``, perTicket: sql``, join: sql``, aggregates: sql``, columns: sql`` };
  const weeks = Math.floor((Date.parse(r.to) - Date.parse(r.from)) / (7 * 86_400_000)) + 1;
  const { rows } = await sql<KindRow>`
    WITH ${priced.ctes} k AS MATERIALIZED (${kindTickets(r)}),
    logged AS (
      SELECT e.ticket_id, sum(e.minutes)::bigint AS minutes
      FROM time_entries e JOIN k ON k.id = e.ticket_id
      WHERE e.started_at >= ${r.start} AND e.started_at < ${r.end}
      GROUP BY e.ticket_id
    ), reopened AS (
      SELECT DISTINCT x.ticket_id
      FROM ticket_events x JOIN k ON k.id = x.ticket_id
      CROSS JOIN LATERAL (
        SELECT p.at, p.new_value FROM ticket_events p
        WHERE p.ticket_id = x.ticket_id AND p.field = 'status' AND p.at <= x.at AND (p.at < x.at OR p.id < x.id)
        ORDER BY p.at DESC, p.id DESC LIMIT 1) p
      WHERE x.field = 'status' AND x.old_value = 'resolved' AND x.new_value IN (${IN_QUEUE_LITERALS})
        AND x.at >= ${r.start} AND p.new_value = 'resolved' AND x.at <= p.at + make_interval(days => ${REOPEN_WINDOW_DAYS})
    ), weekly AS (
      SELECT kind, group_key,
             (((created_at AT TIME ZONE ${r.timeZone})::date - ${r.from}::date) / 7) AS week, count(*)::int AS n
      FROM k GROUP BY 1, 2, 3
    ), trend AS (
      SELECT g.kind, g.group_key, array_agg(coalesce(w.n, 0) ORDER BY s.week) AS trend
      FROM (SELECT DISTINCT kind, group_key FROM weekly) g
      CROSS JOIN generate_series(0, ${weeks - 1}::int) AS s(week)
      LEFT JOIN weekly w ON w.kind = g.kind AND w.group_key IS NOT DISTINCT FROM g.group_key AND w.week = s.week
      GROUP BY 1, 2
    ) ${priced.perTicket}, kinds AS (
      SELECT k.kind, k.group_key, min(k.group_label) AS group_label,
             -- The latest ticket's subject, without sorting a year of tickets: the greatest (instant, id, subject).
             (max(ARRAY[to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), lpad(k.id::text, 20, '0'), k.subject]))[3] AS example,
             count(*)::int AS tickets,
             count(DISTINCT k.customer_id)::int AS customers,
             count(*) FILTER (WHERE k.channel = 'monitoring')::int AS monitoring,
             coalesce(sum(l.minutes), 0)::bigint AS minutes,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM k.resolved_at - k.created_at) / 60) AS median_resolve,
             count(k.resolved_at)::int AS resolved,
             count(ro.ticket_id)::int AS reopened,
             min(k.created_at) AS first_seen, max(k.created_at) AS last_seen ${priced.aggregates}
      FROM k
      LEFT JOIN logged l ON l.ticket_id = k.id
      LEFT JOIN reopened ro ON ro.ticket_id = k.id
      ${priced.join}
      GROUP BY k.kind, k.group_key
    )
    SELECT s.kind, s.group_key, s.group_label, s.example, s.tickets,
           round(100.0 * s.tickets / sum(s.tickets) OVER (), 2)::float8 AS share_pct,
           s.customers,
           round(100.0 * s.monitoring / s.tickets, 2)::float8 AS monitoring_pct,
           round(s.minutes / 60.0, 2)::text AS hours, s.minutes::int AS minutes,
           round(s.median_resolve::numeric, 2)::float8 AS median_resolve_minutes,
           s.resolved, s.reopened,
           CASE WHEN s.resolved > 0 THEN round(100.0 * s.reopened / s.resolved, 2)::float8 END AS reopen_rate_pct,
           s.first_seen, s.last_seen, tr.trend ${priced.columns}
    FROM kinds s JOIN trend tr ON tr.kind = s.kind AND tr.group_key IS NOT DISTINCT FROM s.group_key
    ORDER BY s.minutes DESC, s.tickets DESC, s.kind, s.group_key`.execute(db);
  return rows;
}
