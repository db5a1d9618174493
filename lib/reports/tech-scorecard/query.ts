import "server-only";
import { type Kysely, sql } from "kysely";
import type { User } from "../../auth/roles";
import { config } from "../../db/config";
import type { Helpdesk } from "../../db/types";
import { rangeInstants, startOfDayIn } from "../../params/dates";
import {
  acts,
  BARE_WINDOW,
  firstReplies,
  isBareNote,
  nextTouch,
  previousTouch,
  REOPEN_WINDOW_DAYS,
  reopenedResolves,
  statusBefore,
  type TechIds,
  techIs,
} from "../../sql/helpdesk/acts";
import { afterHours, officeHours } from "../../sql/helpdesk/office-hours";
import { DAY_ZERO, type DaySummary, type Days, daysIn, fromDays } from "../../summary/days";
import { rolledUpPrevDays, ticketsOnce, ticketsOnceColumns } from "../../summary/tickets-once";
import type { QueryContext } from "../types";
import type { ScorecardParams } from "./params";
import type { ScorecardRow } from "./row";
import { isUnrestricted, type ScopedTech, type ScopeFilter, techsInScope } from "./scope";

/**
 * The scorecard, computed one way: `summarize` turns a set of days into one
 * row per (tech, day), and `combine` turns the rows of a range's days into
 * one row per tech. Stored days and fresh ones (lib/summary/days.ts) go
 * through the same two statements.
 *
 * A day row holds what adds up over days (acts, acts after hours, replies,
 * notes, credit, bare notes, minutes, resolves, reopens), and what does not
 * in a form that combines exactly:
 * - distinct tickets touched: for each ticket the tech touched that day, the
 *   day of their previous touch of it (`prev_days`, sorted, as day numbers
 *   since 2000-01-01; a ticket never touched before counts in
 *   `tickets_first`). A ticket counts in a range on the day whose previous
 *   touch is before the range's first day: width_bucket(from − 1, prev_days),
 *   a binary search. Rows of several days roll up into one row of the same
 *   shape (rollupScorecard), so a whole month is one row per tech;
 * - the median first reply: the minutes themselves of the tickets created
 *   that day (`reply_minutes`), the median taken over the range's union;
 * - the after-hours share: the two counts, divided once.
 *
 * A day's numbers can change after it ends: a note is bare only if no act
 * follows within 30 minutes, a resolve is reopened within 14 days, and a
 * ticket created that day may get its first reply any time later. New rows
 * dirty the days they touch (dirtiedBy); see lib/summary/refresh-days.ts.
 */
export interface ScorecardDay {
  day: string;
  tech_id: number;
  acts: number;
  after_hours_acts: number;
  public_replies: number;
  internal_notes: number;
  credit: string;
  bare_notes: number;
  minutes_logged: number;
  tickets_resolved: number;
  reopened: number;
  tickets_first: number;
  prev_days: number[] | null;
  reply_minutes: number[] | null;
}

/** The days after its end during which a day's numbers may change with no new row of its own (reopens). */
export const SCORECARD_SETTLE_DAYS = REOPEN_WINDOW_DAYS + 1;

export const scorecardDays: DaySummary<ScorecardDay, TechIds> = {
  table: "scorecard_days",
  source: "helpdesk",
  columns: {
    tech_id: "int4",
    acts: "int8",
    after_hours_acts: "int8",
    public_replies: "int8",
    internal_notes: "int8",
    credit: "numeric",
    bare_notes: "int8",
    minutes_logged: "int8",
    tickets_resolved: "int8",
    reopened: "int8",
    tickets_first: "int8",
    prev_days: "int4[]",
    reply_minutes: "float8[]",
  },
  everything: "all",
  async firstDay(helpdesk) {
    // A day early: the first act's day in the reporting zone may be the day before its UTC date.
    const { rows } = await sql<{ first: string | null }>`
      SELECT (least((SELECT min(created_at) FROM ticket_comments WHERE author_id IS NOT NULL),
                    (SELECT min(at) FROM ticket_events WHERE actor_id IS NOT NULL),
                    (SELECT min(started_at) FROM time_entries)) - interval '1 day')::date AS first`.execute(helpdesk);
    return rows[0]?.first ?? null;
  },
  summarize: summarizeScorecard,
  rollup: rollupScorecard(),
  storedIn: (ids) => techIs(sql.ref("tech_id"), ids),
  watched: ["ticket_comments", "ticket_events", "time_entries"],
  dirtiedBy(marks, timeZone) {
    // A new act changes its own day, the bareness of notes 30 minutes either side, the first reply
    // of its ticket's creation day, (a reopen) the day of the resolve it undoes, and the day its tech
    // next touched the ticket after that day: a back-dated act is that day's previous touch now, so
    // the ticket is no longer first counted there (tickets_touched).
    const mark = (table: string) => sql`${marks[table] ?? 0}::int8`;
    const dayAfter = sql<Date>`(((n.at AT TIME ZONE ${timeZone})::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
    return sql<{ day: string }>`
      SELECT DISTINCT (x.at AT TIME ZONE ${timeZone})::date::text AS day
      FROM (
        SELECT c.created_at AS at, c.ticket_id, c.author_id AS tech_id, NULL::timestamptz AS undone
        FROM ticket_comments c WHERE c.id > ${mark("ticket_comments")}
        UNION ALL
        SELECT e.at, e.ticket_id, e.actor_id,
               CASE WHEN e.field = 'status' AND e.old_value = 'resolved' THEN (SELECT s.at FROM (${statusBefore("e")}) s) END
        FROM ticket_events e WHERE e.id > ${mark("ticket_events")}
        UNION ALL
        SELECT t.started_at, t.ticket_id, t.tech_id, NULL FROM time_entries t WHERE t.id > ${mark("time_entries")}
      ) n
      CROSS JOIN LATERAL (VALUES (n.at), (n.at - ${BARE_WINDOW}::interval), (n.at + ${BARE_WINDOW}::interval), (n.undone),
                                 ((SELECT tk.created_at FROM tickets tk WHERE tk.id = n.ticket_id)),
                                 (${nextTouch(sql.ref("n.tech_id"), sql.ref("n.ticket_id"), dayAfter)})) x(at)
      WHERE x.at IS NOT NULL`;
  },
};

/** One row per (tech, day) of the techs `ids` over the whole days `days` in `timeZone`. */
function summarizeScorecard(days: Days, timeZone: string, ids: TechIds) {
  const { start, end } = rangeInstants(days.from, days.to, timeZone);
  // A day is found by a binary search of the instant among the days' local midnights (right across
  // DST changes), cheaper than AT TIME ZONE per act.
  const midnights = daysIn(days).map((day) => startOfDayIn(day, timeZone));
  const dayOf = (at: string) => sql<string>`${days.from}::date + (width_bucket(${sql.ref(at)}, m.midnights) - 1)`;
  const ref = sql.ref;
  return sql<ScorecardDay>`
    WITH m AS (SELECT ${midnights}::timestamptz[] AS midnights),
    hours AS (
      SELECT t.id AS tech_id, oh.bounds
      FROM techs t JOIN (${officeHours(start, end)}) oh ON oh.office_id = t.office_id
      WHERE ${techIs(ref("t.id"), ids)}
    ),
    act AS MATERIALIZED (
      SELECT a.tech_id, a.ticket_id, a.at, a.kind, a.credit, a.minutes, a.resolves, ${dayOf("a.at")} AS day,
             ${afterHours(ref("a.at"), ref("h.bounds"))} AS after_hours
      FROM (${acts(ids, start, end)}) a
      JOIN hours h ON h.tech_id = a.tech_id
      CROSS JOIN m
    ),
    counts AS (
      SELECT tech_id, day, count(*) AS acts, count(*) FILTER (WHERE after_hours) AS after_hours_acts,
             count(*) FILTER (WHERE kind = 'reply') AS public_replies,
             count(*) FILTER (WHERE kind = 'note') AS internal_notes,
             coalesce(sum(credit), 0.0) AS credit,
             count(*) FILTER (WHERE kind = 'note' AND ${isBareNote(ref("a.tech_id"), ref("a.ticket_id"), ref("a.at"))}) AS bare_notes,
             coalesce(sum(minutes), 0)::int8 AS minutes_logged,
             count(*) FILTER (WHERE resolves) AS tickets_resolved
      FROM act a
      GROUP BY tech_id, day
    ),
    touch AS (
      SELECT tech_id, ticket_id, day, lag(day) OVER (PARTITION BY tech_id, ticket_id ORDER BY day) AS prev_day
      FROM (SELECT DISTINCT tech_id, ticket_id, day FROM act) d
    ),
    prev AS (
      SELECT tech_id, day,
             coalesce(prev_day, (${previousTouch(ref("p.tech_id"), ref("p.ticket_id"), start)} AT TIME ZONE ${timeZone})::date)
               - ${DAY_ZERO}::date AS prev_no
      FROM touch p
    ),
    touched AS (
      SELECT tech_id, day, ${ticketsOnceColumns("prev_no")}
      FROM prev
      GROUP BY tech_id, day
    ),
    reopens AS (
      SELECT r.tech_id, ${dayOf("r.resolved_at")} AS day, count(*) AS reopened
      FROM (${reopenedResolves(ids, start, end)}) r CROSS JOIN m
      GROUP BY 1, 2
    ),
    firsts AS (
      SELECT f.tech_id, ${dayOf("f.ticket_created_at")} AS day, array_agg(f.minutes ORDER BY f.minutes) AS reply_minutes
      FROM (${firstReplies(ids, start, end)}) f CROSS JOIN m
      GROUP BY 1, 2
    )
    SELECT coalesce(c.day, f.day) AS day, coalesce(c.tech_id, f.tech_id) AS tech_id,
           coalesce(c.acts, 0) AS acts, coalesce(c.after_hours_acts, 0) AS after_hours_acts,
           coalesce(c.public_replies, 0) AS public_replies, coalesce(c.internal_notes, 0) AS internal_notes,
           coalesce(c.credit, 0.0) AS credit, coalesce(c.bare_notes, 0) AS bare_notes,
           coalesce(c.minutes_logged, 0) AS minutes_logged, coalesce(c.tickets_resolved, 0) AS tickets_resolved,
           coalesce(r.reopened, 0) AS reopened, coalesce(t.tickets_first, 0) AS tickets_first, t.prev_days, f.reply_minutes
    FROM counts c
    LEFT JOIN touched t ON t.tech_id = c.tech_id AND t.day = c.day
    LEFT JOIN reopens r ON r.tech_id = c.tech_id AND r.day = c.day
    FULL JOIN firsts f ON f.tech_id = c.tech_id AND f.day = c.day`;
}

/** Rows of several days (`day_rows`) as one row per tech of the same shape (without `day`): sums, and arrays merged. */
function rollupScorecard() {
  return sql<Omit<ScorecardDay, "day">>`
    SELECT s.tech_id, s.acts, s.after_hours_acts, s.public_replies, s.internal_notes, s.credit, s.bare_notes,
           s.minutes_logged, s.tickets_resolved, s.reopened, s.tickets_first, pv.prev_days, rm.reply_minutes
    FROM (
      SELECT tech_id, sum(acts)::int8 AS acts, sum(after_hours_acts)::int8 AS after_hours_acts,
             sum(public_replies)::int8 AS public_replies, sum(internal_notes)::int8 AS internal_notes,
             coalesce(sum(credit), 0.0) AS credit, sum(bare_notes)::int8 AS bare_notes,
             sum(minutes_logged)::int8 AS minutes_logged, sum(tickets_resolved)::int8 AS tickets_resolved,
             sum(reopened)::int8 AS reopened, sum(tickets_first)::int8 AS tickets_first
      FROM day_rows GROUP BY tech_id
    ) s
    LEFT JOIN ${rolledUpPrevDays("tech_id")} pv ON pv.tech_id = s.tech_id
    LEFT JOIN (
      SELECT d.tech_id, array_agg(m ORDER BY m) AS reply_minutes FROM day_rows d, unnest(d.reply_minutes) m GROUP BY d.tech_id
    ) rm ON rm.tech_id = s.tech_id`;
}

/** One tech's numbers over a range. */
export type TechStats = {
  tech_id: number;
  public_replies: number;
  internal_notes: number;
  /** Exact decimal string, one decimal ("7.5"). */
  credit: string;
  bare_notes: number;
  minutes_logged: number;
  tickets_touched: number;
  tickets_resolved: number;
  reopened: number;
  median_first_reply_minutes: number | null;
  after_hours_share: number;
};

/**
 * The techs' numbers over the days [from, ...] from the relation `day_rows`:
 * one row per tech with at least one act. Counts are exact; credit stays
 * numeric; the share is rounded to 2 decimals here, once. The median of
 * first replies is not rounded: the tech page's list of those replies takes
 * its median over the same waits, and the page shows both.
 */
function combineScorecard(from: string) {
  return sql<TechStats>`
    SELECT p.tech_id, p.public_replies, p.internal_notes, p.credit, p.bare_notes, p.minutes_logged,
           p.tickets_touched, p.tickets_resolved, p.reopened,
           md.median AS median_first_reply_minutes,
           round(p.after_hours_acts::numeric / p.acts, 2)::float8 AS after_hours_share
    FROM (
      SELECT tech_id, sum(acts) AS acts, sum(after_hours_acts) AS after_hours_acts,
             sum(public_replies)::int8 AS public_replies, sum(internal_notes)::int8 AS internal_notes,
             coalesce(sum(credit), 0.0) AS credit, sum(bare_notes)::int8 AS bare_notes,
             sum(minutes_logged)::int8 AS minutes_logged, sum(tickets_resolved)::int8 AS tickets_resolved,
             sum(reopened)::int8 AS reopened,
             ${ticketsOnce(from)}::int8 AS tickets_touched
      FROM day_rows
      GROUP BY tech_id
      HAVING sum(acts) > 0
    ) p
    LEFT JOIN (
      SELECT d.tech_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS median
      FROM day_rows d CROSS JOIN LATERAL unnest(d.reply_minutes) AS m
      GROUP BY d.tech_id
    ) md ON md.tech_id = p.tech_id
    ORDER BY p.tech_id`;
}

/** The report's query: the scorecard over the parameters' days in the reporting zone, for the caller's role. */
export async function queryScorecard(ctx: QueryContext, p: ScorecardParams): Promise<ScorecardRow[]> {
  const filter = { team: p.team, teamName: p.team_name, tech: p.tech };
  const rows = await scorecardRows(ctx.helpdesk, ctx.user, filter, p, ctx.timeZone, ctx);
  return rows.slice(0, ctx.limit);
}

/**
 * The scorecard over the whole days `range`: the techs the caller may see
 * that match the filter, those with activity in the range, ordered by team
 * then login. Without `days` (our database and the run's instant), every
 * day is summarized on the replica.
 */
export async function scorecardRows(
  db: Kysely<Helpdesk>,
  user: User,
  filter: ScopeFilter,
  range: Days,
  timeZone: string,
  days?: Pick<QueryContext, "store" | "now" | "summarized">,
): Promise<ScorecardRow[]> {
  const { end } = rangeInstants(range.from, range.to, timeZone);
  const scope = await techsInScope(db, end, filter, user);
  if (scope.length === 0) return [];
  const ids = isUnrestricted(filter, user) ? "all" : scope.map((t) => t.tech_id);
  const stats = await fromDays(
    {
      source: db as Kysely<unknown>,
      store: days?.store ?? null,
      timeZone,
      now: days?.now ?? new Date(),
      summarized: days?.summarized,
      refreshMs: config().LOOKBACK_SUMMARY_REFRESH_SECONDS * 1000,
    },
    scorecardDays,
    range,
    ids,
    SCORECARD_SETTLE_DAYS,
    combineScorecard(range.from),
  );
  const byId = new Map(scope.map((t) => [t.tech_id, t]));
  return stats
    .flatMap((s) => {
      const tech = byId.get(s.tech_id);
      return tech ? [toRow(tech, s)] : [];
    })
    .sort(byTeamThenLogin);
}

function toRow(tech: ScopedTech, s: TechStats): ScorecardRow {
  return {
    tech_id: tech.tech_id,
    login: tech.login,
    full_name: tech.full_name,
    team: tech.team,
    public_replies: s.public_replies,
    internal_notes: s.internal_notes,
    credit: s.credit,
    bare_notes: s.bare_notes,
    minutes_logged: s.minutes_logged,
    tickets_touched: s.tickets_touched,
    tickets_resolved: s.tickets_resolved,
    reopened: s.reopened,
    median_first_reply_minutes: s.median_first_reply_minutes,
    after_hours_share: s.after_hours_share,
  };
}

/** Techs without a team sort last. */
function byTeamThenLogin(a: ScorecardRow, b: ScorecardRow): number {
  if (a.team !== b.team) {
    if (a.team === null) return 1;
    if (b.team === null) return -1;
    return a.team.localeCompare(b.team, "en");
  }
  return a.login.localeCompare(b.login, "en");
}

/**
 * Settings for the scorecard's transactions only (Report.settings: SET LOCAL,
 * sent with BEGIN): a year of first-reply minutes is sorted in memory rather
 * than on disk. (JIT is off for every report.)
 */
export const SCORECARD_SETTINGS = { work_mem: "64MB" } as const;
