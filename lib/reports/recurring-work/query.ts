import "server-only";
import { type Kysely, sql } from "kysely";
import { config } from "../../db/config";
import { SourceError } from "../../db/errors";
import { readOnly } from "../../db/read-only";
import type { Billing, Helpdesk } from "../../db/types";
import { errorMessage, log } from "../../log";
import { hoursOf } from "../../money";
import { rangeInstants, startOfDayIn } from "../../params/dates";
import { isReopen, REOPEN_WINDOW_DAYS, statusBefore } from "../../sql/helpdesk/acts";
import { costedEntries, type HourCosts, hourCosts } from "../../sql/helpdesk/cost-rates";
import { subjectTemplate } from "../../sql/helpdesk/subject-template";
import { DAY_ZERO, type DaySummary, type Days, daysIn, fromDays } from "../../summary/days";
import type { QueryContext } from "../types";

/** How kinds are split besides their template: not at all, by the ticket's current queue, or by channel. */
export const GROUPINGS = ["none", "queue", "channel"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** One kind as the report shows it; money is added beside it for managers (see report.ts). */
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

/**
 * Recurring work, computed one way: `summarize` turns the tickets created on
 * some days (in the reporting zone) into one row per (day, kind, current
 * queue, channel), and `combine` turns the rows of a range's days into one
 * row per kind (and group). Stored days and fresh ones (lib/summary/days.ts)
 * go through the same two statements; without a database of our own every
 * day is summarized on the replica.
 *
 * A day row holds what adds up (tickets, monitoring tickets, resolved,
 * reopened), what takes a min or max (first and last seen, the latest
 * ticket as the example), and what does not add up in a form that combines
 * exactly:
 * - customers: their sorted distinct ids, counted distinct over the union;
 * - time to resolve: each resolved ticket's minutes, the median taken over
 *   the union;
 * - hours and cost: the report counts time entries on the range's tickets
 *   whose started_at is in the range, so a row keeps its tickets' entries by
 *   the entry's day (day numbers since 2000-01-01 in `entry_days`, with the
 *   minutes, integer cents, entries without a rate and entries without an
 *   fx rate of each day aligned), and combine adds the days inside the range;
 * - the weekly trend: tickets per creation day (`trend_days`, `trend_counts`;
 *   one element in a day's row, a month's in a month's rollup).
 *
 * A stored day changes when its tickets do: a new ticket, a new event of one
 * of its tickets (a resolve, a reopen, a queue move) or a new time entry on
 * one dirties the tickets' creation day (dirtiedBy); edits leave no new id
 * and are caught by the re-verification (lib/summary/refresh-days.ts).
 */
export interface RecurringDay {
  day: string;
  kind: string;
  queue_id: number;
  queue_name: string;
  channel: string;
  tickets: string;
  monitoring: string;
  resolved: string;
  reopened: string;
  first_seen: Date;
  last_seen: Date;
  example_id: string;
  example: string;
  customer_ids: number[];
  resolve_minutes: number[] | null;
  /** The totals of the entry arrays: what a range holding every entry day of the row reads instead. */
  minutes: string | null;
  cents: string | null;
  missing: number | null;
  unconverted: number | null;
  entry_days: number[] | null;
  entry_minutes: string[] | null;
  entry_cents: string[] | null;
  entry_missing: number[] | null;
  entry_unconverted: number[] | null;
  trend_days: number[];
  trend_counts: number[];
}

/**
 * Which time entries a summary reads of its tickets, and their prices:
 * every entry whatever its date (no money), or those of the days `entries`,
 * priced with `costs` (hourCosts over exactly those days) or not.
 */
export type RecurringScope = { entries: "all"; costs: null } | { entries: Days; costs: HourCosts | null };

/** The days after its end during which a day's numbers may change (reopens) while the refresher is down. */
export const RECURRING_SETTLE_DAYS = REOPEN_WINDOW_DAYS + 1;

export const recurringDays: DaySummary<RecurringDay, RecurringScope> = {
  table: "recurring_work_days",
  source: "helpdesk",
  columns: {
    kind: "text",
    queue_id: "int4",
    queue_name: "text",
    channel: "text",
    tickets: "int8",
    monitoring: "int8",
    resolved: "int8",
    reopened: "int8",
    first_seen: "timestamptz",
    last_seen: "timestamptz",
    example_id: "int8",
    example: "text",
    customer_ids: "int4[]",
    resolve_minutes: "float8[]",
    minutes: "int8",
    cents: "int8",
    missing: "int4",
    unconverted: "int4",
    entry_days: "int4[]",
    entry_minutes: "int8[]",
    entry_cents: "int8[]",
    entry_missing: "int4[]",
    entry_unconverted: "int4[]",
    trend_days: "int4[]",
    trend_counts: "int4[]",
  },
  everything: { entries: "all", costs: null },
  async storedScope(source, days, timeZone) {
    // Stored days keep their entries of any date, each priced at its date's rate: the cost rates
    // (helpdesk) and fx rates (billing) of the days those entries span.
    const { start, end } = rangeInstants(days.from, days.to, timeZone);
    const { rows } = await sql<{ first: string | null; last: string | null }>`
      SELECT (min(e.started_at) AT TIME ZONE ${timeZone})::date::text AS first,
             (max(e.started_at) AT TIME ZONE ${timeZone})::date::text AS last
      FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
      WHERE t.created_at >= ${start} AND t.created_at < ${end}`.execute(source);
    const { first, last } = rows[0] ?? { first: null, last: null };
    if (first === null || last === null) return { entries: "all", costs: null };
    const costs = await readOnly<Billing, HourCosts>("billing", { label: "summary" }, ({ db }) =>
      hourCosts({ helpdesk: source as Kysely<Helpdesk>, billing: db }, first, last),
    );
    return { entries: { from: first, to: last }, costs };
  },
  async firstDay(helpdesk) {
    // A day early: the first ticket's day in the reporting zone may be the day before its UTC date.
    const { rows } = await sql<{ first: string | null }>`
      SELECT ((SELECT min(created_at) FROM tickets) - interval '1 day')::date::text AS first`.execute(helpdesk);
    return rows[0]?.first ?? null;
  },
  summarize: summarizeRecurring,
  rollup: rollupRecurring(),
  storedIn: () => sql<boolean>`true`,
  watched: ["tickets", "ticket_events", "time_entries"],
  dirtiedBy(marks, timeZone) {
    // A new ticket, or a new event or time entry of a ticket, changes the ticket's creation day.
    const mark = (table: string) => sql`${marks[table] ?? 0}::int8`;
    return sql<{ day: string }>`
      SELECT DISTINCT (t.created_at AT TIME ZONE ${timeZone})::date::text AS day
      FROM tickets t
      WHERE t.id IN (
        SELECT id FROM tickets WHERE id > ${mark("tickets")}
        UNION SELECT ticket_id FROM ticket_events WHERE id > ${mark("ticket_events")}
        UNION SELECT ticket_id FROM time_entries WHERE id > ${mark("time_entries")})`;
  },
};

/** One row per (creation day, kind, current queue, channel) of the tickets created on the whole days `days`. */
function summarizeRecurring(days: Days, timeZone: string, scope: RecurringScope) {
  const { start, end } = rangeInstants(days.from, days.to, timeZone);
  // A ticket's day is found by a binary search of its instant among the days' local midnights
  // (right across DST changes), cheaper than AT TIME ZONE per ticket.
  const midnights = daysIn(days).map((day) => startOfDayIn(day, timeZone));
  const ofTickets = sql<number>`SELECT id FROM k`;
  const window = scope.entries === "all" ? null : scope.entries;
  const entries =
    scope.costs && window
      ? sql`${costedEntries({ from: window.from, to: window.to, timeZone, costs: scope.costs, tickets: ofTickets })},`
      : sql`entries AS (
          SELECT te.ticket_id, te.minutes, NULL::int8 AS cents, false AS missing_rate, false AS unconverted,
                 (te.started_at AT TIME ZONE ${timeZone})::date AS day
          FROM time_entries te
          WHERE te.ticket_id IN (${ofTickets}) ${
            window
              ? sql`AND te.started_at >= ${startOfDayIn(window.from, timeZone)}
                    AND te.started_at < ${rangeInstants(window.from, window.to, timeZone).end}`
              : sql``
          }
        ),`;
  const priced = scope.costs !== null;
  return sql<RecurringDay>`
    WITH m AS (SELECT ${midnights}::timestamptz[] AS midnights),
    -- The template is worth computing once per distinct subject (a chain of regular expressions costs
    -- ~0.1 ms), not once per ticket: alerts and requests repeat their subjects exactly.
    subjects AS (
      SELECT DISTINCT t.subject FROM tickets t WHERE t.created_at >= ${start} AND t.created_at < ${end}
    ), templates AS MATERIALIZED (
      SELECT s.subject, ${subjectTemplate(sql.ref("s.subject"))} AS kind FROM subjects s
    ), k AS MATERIALIZED (
      SELECT t.id, t.customer_id, t.channel, t.created_at, t.resolved_at, t.subject, tp.kind, t.queue_id, q.name AS queue_name,
             ${days.from}::date + (width_bucket(t.created_at, m.midnights) - 1) AS day
      FROM tickets t JOIN queues q ON q.id = t.queue_id JOIN templates tp ON tp.subject = t.subject CROSS JOIN m
      WHERE t.created_at >= ${start} AND t.created_at < ${end}
    ), ${entries}
    logged AS (
      SELECT k.day, k.kind, k.queue_id, k.channel, e.day - ${DAY_ZERO}::date AS entry_day,
             sum(e.minutes)::int8 AS minutes, sum(e.cents)::int8 AS cents,
             count(*) FILTER (WHERE e.missing_rate)::int AS missing, count(*) FILTER (WHERE e.unconverted)::int AS unconverted
      FROM entries e JOIN k ON k.id = e.ticket_id
      GROUP BY 1, 2, 3, 4, 5
    ), logged_days AS (
      SELECT day, kind, queue_id, channel, sum(minutes)::int8 AS minutes,
             ${priced ? sql`sum(cents)::int8` : sql`NULL::int8`} AS cents,
             ${priced ? sql`sum(missing)::int4` : sql`NULL::int4`} AS missing,
             ${priced ? sql`sum(unconverted)::int4` : sql`NULL::int4`} AS unconverted,
             array_agg(entry_day ORDER BY entry_day) AS entry_days,
             array_agg(minutes ORDER BY entry_day) AS entry_minutes,
             ${priced ? sql`array_agg(cents ORDER BY entry_day)` : sql`NULL::int8[]`} AS entry_cents,
             ${priced ? sql`array_agg(missing ORDER BY entry_day)` : sql`NULL::int4[]`} AS entry_missing,
             ${priced ? sql`array_agg(unconverted ORDER BY entry_day)` : sql`NULL::int4[]`} AS entry_unconverted
      FROM logged GROUP BY 1, 2, 3, 4
    ), reopened AS (
      -- A ticket reopened at any time (acts.ts's rule: back in the queues within 14 days of a resolve).
      SELECT DISTINCT x.ticket_id
      FROM ticket_events x JOIN k ON k.id = x.ticket_id
      CROSS JOIN LATERAL (${statusBefore("x")}) r
      WHERE ${isReopen}
    ), kinds AS (
      SELECT k.day, k.kind, k.queue_id, min(k.queue_name) AS queue_name, k.channel,
             count(*) AS tickets,
             count(*) FILTER (WHERE k.channel = 'monitoring') AS monitoring,
             count(k.resolved_at) AS resolved,
             count(ro.ticket_id) AS reopened,
             min(k.created_at) AS first_seen, max(k.created_at) AS last_seen,
             -- The latest ticket, without sorting: the greatest (instant, id).
             (max(ARRAY[extract(epoch FROM k.created_at)::numeric, k.id::numeric]))[2]::int8 AS example_id,
             array_agg(DISTINCT k.customer_id) AS customer_ids,
             array_agg((extract(epoch FROM k.resolved_at - k.created_at) / 60)::float8
                       ORDER BY k.resolved_at - k.created_at) FILTER (WHERE k.resolved_at IS NOT NULL) AS resolve_minutes
      FROM k LEFT JOIN reopened ro ON ro.ticket_id = k.id
      GROUP BY k.day, k.kind, k.queue_id, k.channel
    )
    SELECT s.day::text AS day, s.kind, s.queue_id, s.queue_name, s.channel, s.tickets, s.monitoring, s.resolved, s.reopened,
           s.first_seen, s.last_seen, s.example_id, (SELECT t.subject FROM tickets t WHERE t.id = s.example_id) AS example,
           s.customer_ids, s.resolve_minutes,
           l.minutes, l.cents, l.missing, l.unconverted, l.entry_days, l.entry_minutes, l.entry_cents, l.entry_missing, l.entry_unconverted,
           ARRAY[s.day - ${DAY_ZERO}::date] AS trend_days, ARRAY[s.tickets::int] AS trend_counts
    FROM kinds s
    LEFT JOIN logged_days l ON l.day = s.day AND l.kind = s.kind AND l.queue_id = s.queue_id AND l.channel = s.channel`;
}

/** Rows of several days (`day_rows`) as one row per (kind, queue, channel) of the same shape (without `day`). */
function rollupRecurring() {
  const key = sql`kind, queue_id, channel`;
  const on = (alias: string) =>
    sql`${sql.ref(`${alias}.kind`)} = s.kind AND ${sql.ref(`${alias}.queue_id`)} = s.queue_id AND ${sql.ref(`${alias}.channel`)} = s.channel`;
  return sql<Omit<RecurringDay, "day">>`
    SELECT s.kind, s.queue_id, s.queue_name, s.channel, s.tickets, s.monitoring, s.resolved, s.reopened,
           s.first_seen, s.last_seen, s.example_id, s.example, c.customer_ids, rm.resolve_minutes,
           s.minutes, s.cents, s.missing, s.unconverted, e.entry_days, e.entry_minutes, e.entry_cents, e.entry_missing, e.entry_unconverted, tr.trend_days, tr.trend_counts
    FROM (
      SELECT ${key}, min(queue_name) AS queue_name, sum(tickets)::int8 AS tickets, sum(monitoring)::int8 AS monitoring,
             sum(resolved)::int8 AS resolved, sum(reopened)::int8 AS reopened,
             min(first_seen) AS first_seen, max(last_seen) AS last_seen,
             (max(ARRAY[extract(epoch FROM last_seen)::numeric, example_id::numeric]))[2]::int8 AS example_id,
             (max(ARRAY[to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), lpad(example_id::text, 20, '0'), example]))[3] AS example,
             sum(minutes)::int8 AS minutes, sum(cents)::int8 AS cents, sum(missing)::int4 AS missing,
             sum(unconverted)::int4 AS unconverted
      FROM day_rows GROUP BY ${key}
    ) s
    JOIN (
      SELECT d.kind, d.queue_id, d.channel, array_agg(DISTINCT c ORDER BY c) AS customer_ids
      FROM day_rows d, unnest(d.customer_ids) c GROUP BY 1, 2, 3
    ) c ON ${on("c")}
    LEFT JOIN (
      SELECT d.kind, d.queue_id, d.channel, array_agg(m ORDER BY m) AS resolve_minutes
      FROM day_rows d, unnest(d.resolve_minutes) m GROUP BY 1, 2, 3
    ) rm ON ${on("rm")}
    LEFT JOIN (
      SELECT kind, queue_id, channel, array_agg(e ORDER BY e) AS entry_days, array_agg(m ORDER BY e) AS entry_minutes,
             CASE WHEN bool_and(priced) THEN array_agg(c ORDER BY e) END AS entry_cents,
             CASE WHEN bool_and(priced) THEN array_agg(mr ORDER BY e) END AS entry_missing,
             CASE WHEN bool_and(priced) THEN array_agg(uc ORDER BY e) END AS entry_unconverted
      FROM (
        SELECT d.kind, d.queue_id, d.channel, u.e, sum(u.m)::int8 AS m, sum(u.c)::int8 AS c, sum(u.mr)::int4 AS mr,
               sum(u.uc)::int4 AS uc, bool_and(d.entry_cents IS NOT NULL) AS priced
        FROM day_rows d, unnest(d.entry_days, d.entry_minutes, d.entry_cents, d.entry_missing, d.entry_unconverted) u(e, m, c, mr, uc)
        GROUP BY 1, 2, 3, 4
      ) x
      GROUP BY 1, 2, 3
    ) e ON ${on("e")}
    JOIN (
      SELECT kind, queue_id, channel, array_agg(td ORDER BY td) AS trend_days, array_agg(n ORDER BY td) AS trend_counts
      FROM (SELECT d.kind, d.queue_id, d.channel, u.td, sum(u.n)::int4 AS n
            FROM day_rows d, unnest(d.trend_days, d.trend_counts) u(td, n) GROUP BY 1, 2, 3, 4) x
      GROUP BY 1, 2, 3
    ) tr ON ${on("tr")}`;
}

function groupOf(group: Grouping) {
  if (group === "queue") return { key: sql<string>`d.queue_id::text`, label: sql<string>`d.queue_name` };
  if (group === "channel") return { key: sql<string>`d.channel`, label: sql<string>`d.channel` };
  return { key: sql<string | null>`NULL::text`, label: sql<string | null>`NULL::text` };
}

/**
 * Every kind of the days [from, to] from the relation `day_rows`, ranked by
 * minutes logged. Hours: entries whose day is in the range; time to resolve:
 * the median over the kind's resolved tickets; reopen rate: reopened of
 * resolved; trend: tickets per week of the range. With `costed` (managers),
 * the labor cost of the same entries, and the counts of entries without a
 * rate or an fx rate; without, the statement reads no money at all.
 */
export function combineRecurring(range: Days, group: Grouping, costed: boolean, limit: number) {
  const g = groupOf(group);
  const weeks = Math.floor((Date.parse(range.to) - Date.parse(range.from)) / (7 * 86_400_000)) + 1;
  const first = sql`(${range.from}::date - ${DAY_ZERO}::date)`;
  const last = sql`(${range.to}::date - ${DAY_ZERO}::date)`;
  // A row whose every entry day is in the range counts its totals; the others (the range's edges) their days inside it.
  const whole = sql`d.entry_days[1] >= ${first} AND d.entry_days[cardinality(d.entry_days)] <= ${last}`;
  const money = costed
    ? {
        totals: sql`, d.cents, d.missing, d.unconverted`,
        alias: sql`x (g, minutes, cents, missing, unconverted)`,
        unnest: sql`unnest(d.entry_days, d.entry_minutes, d.entry_cents, d.entry_missing, d.entry_unconverted) u(e, m, c, mr, uc)`,
        days: sql`, u.c, u.mr, u.uc`,
        sums: sql`, sum(x.cents)::int8 AS cents, sum(x.missing)::int AS missing_rates, sum(x.unconverted)::int AS unconverted`,
        columns: sql`, (coalesce(l.cents, 0) * 0.01)::text AS labor_cost, coalesce(l.missing_rates, 0) AS missing_rates,
                     coalesce(l.unconverted, 0) AS unconverted`,
      }
    : {
        totals: sql``,
        alias: sql`x (g, minutes)`,
        unnest: sql`unnest(d.entry_days, d.entry_minutes) u(e, m)`,
        days: sql``,
        sums: sql``,
        columns: sql``,
      };
  // A statement that follows `WITH day_rows AS (…)`: its own CTEs go inside a subquery. Each kind (and
  // group) is numbered once (g), so the aggregations below group and sort integers, not text.
  return sql<Omit<KindRow, "hours">>`
    SELECT * FROM (
    WITH keyed AS (
      SELECT d.*, ${g.key} AS group_key, ${g.label} AS group_label FROM day_rows d
    ), r AS MATERIALIZED (
      SELECT k.*, dense_rank() OVER (ORDER BY k.kind COLLATE "C", k.group_key COLLATE "C") AS g FROM keyed k
    ), kinds AS (
      SELECT g, min(kind) AS kind, min(group_key) AS group_key, min(group_label) AS group_label,
             sum(tickets)::int AS tickets, sum(monitoring)::int AS monitoring,
             sum(resolved)::int AS resolved, sum(reopened)::int AS reopened,
             min(first_seen) AS first_seen, max(last_seen) AS last_seen,
             (max(ARRAY[to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), lpad(example_id::text, 20, '0'), example]))[3] AS example
      FROM r GROUP BY g
    ), customers AS (
      -- Sorting beats hashing a year of (g, id) pairs; each kind's ids are sorted alone (see COMBINE_SETTINGS).
      -- unnest in the select list streams its elements; in FROM it would first copy each array into a tuplestore.
      SELECT u.g, count(DISTINCT u.c)::int AS customers FROM (SELECT d.g, unnest(d.customer_ids) AS c FROM r d) u GROUP BY u.g
    ), medians AS (
      SELECT u.g, percentile_cont(0.5) WITHIN GROUP (ORDER BY u.m) AS median
      FROM (SELECT d.g, unnest(d.resolve_minutes) AS m FROM r d) u GROUP BY u.g
    ), logged AS (
      SELECT x.g, sum(x.minutes)::int8 AS minutes ${money.sums}
      FROM (
        SELECT d.g, d.minutes ${money.totals} FROM r d WHERE ${whole}
        UNION ALL
        SELECT d.g, u.m ${money.days} FROM r d, ${money.unnest}
        WHERE NOT (${whole}) AND u.e BETWEEN ${first} AND ${last}
      ) ${money.alias}
      GROUP BY x.g
    ), weekly AS (
      SELECT d.g, (u.td - ${first}) / 7 AS week, sum(u.n)::int AS n
      FROM r d, unnest(d.trend_days, d.trend_counts) u(td, n) GROUP BY 1, 2
    ), trend AS (
      SELECT k.g, array_agg(coalesce(w.n, 0) ORDER BY s.week) AS trend
      FROM kinds k CROSS JOIN generate_series(0, ${weeks - 1}::int) AS s(week)
      LEFT JOIN weekly w ON w.g = k.g AND w.week = s.week
      GROUP BY k.g
    )
    SELECT s.kind, s.group_key, s.group_label, s.example, s.tickets,
           round(100.0 * s.tickets / sum(s.tickets) OVER (), 2)::float8 AS share_pct,
           c.customers,
           round(100.0 * s.monitoring / s.tickets, 2)::float8 AS monitoring_pct,
           coalesce(l.minutes, 0)::int AS minutes,
           round(md.median::numeric, 2)::float8 AS median_resolve_minutes,
           s.resolved, s.reopened,
           CASE WHEN s.resolved > 0 THEN round(100.0 * s.reopened / s.resolved, 2)::float8 END AS reopen_rate_pct,
           s.first_seen, s.last_seen, tr.trend ${money.columns}
    FROM kinds s
    JOIN customers c ON c.g = s.g
    JOIN trend tr ON tr.g = s.g
    LEFT JOIN medians md ON md.g = s.g
    LEFT JOIN logged l ON l.g = s.g
    ) kinds
    ORDER BY minutes DESC, tickets DESC, kind, group_key
    LIMIT ${limit}`;
}

export interface KindRange extends Days {
  group: Grouping;
}

/**
 * Every kind of ticket created in the whole days of `range` with its
 * figures, from stored days and fresh ones (fromDays). Hours: time entries
 * on the kind's tickets whose started_at is in the range. With `costs`
 * (managers only; hourCosts over the range), each kind also gets its labor
 * cost: the costing of lib/sql/helpdesk/cost-rates.ts over the same entries.
 */
export function kindRows(ctx: QueryContext, range: KindRange): Promise<KindRow[]>;
export function kindRows(ctx: QueryContext, range: KindRange, costs: HourCosts): Promise<CostedKindRow[]>;
export async function kindRows(ctx: QueryContext, range: KindRange, costs?: HourCosts): Promise<KindRow[]> {
  const days = { from: range.from, to: range.to };
  await COMBINE_SETTINGS.execute(ctx.helpdesk);
  if (!ctx.store) return combinedKinds(ctx, null, days, range.group, costs);
  // Stored days are combined in our database: in a transaction there, so that the settings hold for it too.
  try {
    return await ctx.store.transaction().execute(async (store) => {
      await COMBINE_SETTINGS.execute(store);
      return combinedKinds(ctx, store, days, range.group, costs);
    });
  } catch (error) {
    // The replica's own failure is the answer; our database's is not: every day is read from the replica.
    if (error instanceof SourceError) throw error;
    log.warn({ err: errorMessage(error) }, "recurring work: our own database failed; reading the replicas");
    return combinedKinds(ctx, null, days, range.group, costs);
  }
}

/**
 * Settings for the transaction (set_config(…, true) is SET LOCAL, allowed on a
 * hot standby) that runs combine: no JIT (it costs more than it saves here),
 * room to sort a year of customer ids and resolve times in memory, and, where
 * the server has it (PostgreSQL 16+), no presorting of a DISTINCT aggregate's
 * input: sorting a million (kind, customer) pairs as rows costs about half as
 * much again as sorting each kind's ids alone as plain integers.
 */
const COMBINE_SETTINGS = sql`
  SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
         (SELECT set_config(name, 'off', true) FROM pg_settings WHERE name = 'enable_presorted_aggregate')`;

/** The kinds with their hours: minutes / 60 by money.ts's one rule. */
async function combinedKinds(
  ctx: QueryContext,
  store: Kysely<unknown> | null,
  days: Days,
  group: Grouping,
  costs?: HourCosts,
): Promise<KindRow[]> {
  const rows = await fromDays(
    {
      source: ctx.helpdesk as Kysely<unknown>,
      store,
      timeZone: ctx.timeZone,
      now: ctx.now,
      summarized: ctx.summarized,
      refreshMs: config().LOOKBACK_SUMMARY_REFRESH_SECONDS * 1000,
    },
    recurringDays,
    days,
    // Fresh days need only the entries of the range: the others never count.
    { entries: days, costs: costs ?? null },
    RECURRING_SETTLE_DAYS,
    // The run's cap (or the export's) in the statement: a long range has as many kinds as distinct subjects.
    combineRecurring(days, group, costs !== undefined, ctx.limit),
  );
  return rows.map((row) => ({ ...row, hours: hoursOf(row.minutes) }));
}
