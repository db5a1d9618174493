import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { actsOf, type TechIds, walkFor } from "./acts";
import { isBareNote } from "./bare-notes";
import { firstReplies } from "./first-replies";
import { afterHours, type OfficeHours, officeHoursTable } from "./office-hours";
import { reopenedResolves } from "./reopened";

/** One tech's numbers over a range, as the database computes them. */
export interface TechStats {
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
}

/**
 * The scorecard numbers of the given techs over [start, end), one row per
 * tech with at least one act in the range (see report-definitions.md,
 * `tech-scorecard`), in one statement:
 * - per tech (LATERAL), one pass over their acts by the (tech, instant)
 *   indexes: counts, credit, minutes, distinct tickets, resolves, acts after
 *   hours (a binary search in their office's hours), and for each internal
 *   note a probe for a neighbouring act (bare notes);
 * - per tech, the resolves reopened within 14 days and the median first reply.
 * Counts are exact; credit stays numeric; the share and the median are
 * rounded to 2 decimals here, once.
 */
export async function scorecardStats(
  db: Kysely<Helpdesk>,
  ids: TechIds,
  hours: OfficeHours[],
  start: Date,
  end: Date,
): Promise<TechStats[]> {
  const tech = sql.ref("t.id");
  const techs = ids === "all" ? sql`true` : sql`t.id = ANY(${[...ids]}::int[])`;
  const walk = walkFor(ids);
  await tunePlanner(db);
  const result = await sql<TechStats>`
    SELECT t.id AS tech_id, s.public_replies, s.internal_notes, s.credit, s.bare_notes, s.minutes_logged,
           s.tickets_touched, s.tickets_resolved, coalesce(r.reopened, 0) AS reopened,
           round(f.median_minutes::numeric, 2)::float8 AS median_first_reply_minutes,
           round(s.after_hours_acts::numeric / s.acts, 2)::float8 AS after_hours_share
    FROM techs t
    JOIN ${officeHoursTable(hours)} ON oh.office_id = t.office_id
    CROSS JOIN LATERAL (
      SELECT count(*) AS acts,
             count(*) FILTER (WHERE a.kind = 'reply') AS public_replies,
             count(*) FILTER (WHERE a.kind = 'note') AS internal_notes,
             coalesce(sum(a.credit), 0.0) AS credit,
             count(*) FILTER (WHERE a.kind = 'note' AND ${isBareNote(tech, sql.ref("a.ticket_id"), sql.ref("a.at"))}) AS bare_notes,
             coalesce(sum(a.minutes), 0)::bigint AS minutes_logged,
             count(DISTINCT a.ticket_id) AS tickets_touched,
             count(*) FILTER (WHERE a.resolves) AS tickets_resolved,
             count(*) FILTER (WHERE ${afterHours(sql.ref("a.at"), sql.ref("oh.bounds"))}) AS after_hours_acts
      FROM (${actsOf(tech, start, end)}) a
    ) s
    LEFT JOIN (
      SELECT x.tech_id, count(*) AS reopened FROM (${reopenedResolves(ids, start, end, walk)}) x GROUP BY x.tech_id
    ) r ON r.tech_id = t.id
    LEFT JOIN (
      -- Gathered per tech by hashing, then each tech's few hundred sorted alone: cheaper than sorting a year of replies by tech.
      SELECT x.tech_id, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) FROM unnest(array_agg(x.minutes)) AS m) AS median_minutes
      FROM (${firstReplies(ids, start, end, walk)}) x GROUP BY x.tech_id
    ) f ON f.tech_id = t.id
    WHERE ${techs} AND s.acts > 0
    ORDER BY t.id`.execute(db);
  return result.rows;
}

/**
 * Settings for this transaction only (set_config(…, true) is SET LOCAL): JIT
 * compiles this plan for longer than it runs; the first replies of a year
 * (a million tickets at 2M tickets) are matched to their tickets and
 * gathered by tech in memory rather than on disk; and PostgreSQL 16+ would sort every tech's acts by ticket to feed
 * count(DISTINCT ticket), where sorting the ticket ids alone is cheaper
 * (measured: a fifth of the statement at scale 30). Older servers have no
 * such setting, hence the version test.
 */
async function tunePlanner(db: Kysely<Helpdesk>): Promise<void> {
  await sql`
    SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
           CASE WHEN current_setting('server_version_num')::int >= 160000
                THEN set_config('enable_presorted_aggregate', 'off', true) END`.execute(db);
}
