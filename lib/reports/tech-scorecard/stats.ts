import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { actsOf, actsOfTechs, type TechIds, walkFor } from "./acts";
import { isBareNote } from "./bare-notes";
import { firstReplies, firstRepliesInSpan, ticketSpan } from "./first-replies";
import { afterHours, type OfficeHours, officeHoursTable } from "./office-hours";
import { reopenedResolves } from "./reopened";
import type { ScopedTech } from "./scope";

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
 * The same numbers before the last step, so that parts of a range can be
 * added up (summaries.ts): the counts behind the share, and the first-reply
 * minutes themselves rather than their median. Rows also for techs with no
 * act in the range but a first reply to a ticket created in it.
 */
export interface RawTechStats extends Omit<TechStats, "median_first_reply_minutes" | "after_hours_share"> {
  acts: number;
  after_hours_acts: number;
  reply_minutes: number[] | null;
}

/**
 * The scorecard numbers of the given techs over [start, end), one row per
 * tech with at least one act in the range (see report-definitions.md,
 * `tech-scorecard`): counts, credit, minutes, distinct tickets, resolves and
 * acts after hours (a binary search in their office's hours) from one pass
 * over each tech's acts by the (tech, instant) indexes; for each internal
 * note a probe for a neighbouring act (bare notes); the resolves reopened
 * within 14 days and the median first reply. Counts are exact; credit stays
 * numeric; the share and the median are rounded to 2 decimals here, once.
 * A few techs take one statement walking each part by tech; many techs (or
 * all), a statement whose parts run in parallel (statsInParallel).
 * `scope` holds the techs asked about (all of them for "all") with their offices.
 */
export async function scorecardStats(
  db: Kysely<Helpdesk>,
  ids: TechIds,
  scope: readonly Pick<ScopedTech, "tech_id" | "office_id">[],
  hours: OfficeHours[],
  start: Date,
  end: Date,
): Promise<TechStats[]> {
  await tunePlanner(db);
  return walkFor(ids) === "tech"
    ? statsByTech(db, ids, hours, start, end)
    : ((await statsInParallel(db, ids, scope, hours, start, end, false)) as TechStats[]);
}

/** RawTechStats of many techs (every tech for "all") over [start, end): the parallel statement, its last step left out. */
export async function rawStats(
  db: Kysely<Helpdesk>,
  ids: TechIds,
  scope: readonly Pick<ScopedTech, "tech_id" | "office_id">[],
  hours: OfficeHours[],
  start: Date,
  end: Date,
): Promise<RawTechStats[]> {
  await tunePlanner(db);
  return (await statsInParallel(db, ids, scope, hours, start, end, true)) as RawTechStats[];
}

/** A few techs: one pass per tech (LATERAL), each part walked by tech (see Walk). */
async function statsByTech(
  db: Kysely<Helpdesk>,
  ids: TechIds,
  hours: OfficeHours[],
  start: Date,
  end: Date,
): Promise<TechStats[]> {
  const tech = sql.ref("t.id");
  const techs = ids === "all" ? sql`true` : sql`t.id = ANY(${[...ids]}::int[])`;
  const walk = "tech";
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

/** How many slices the techs' acts are cut into for the parallel workers: enough to even out their loads. */
const ACT_SLICES = 8;

/**
 * The same numbers for many techs, the parts spread over parallel workers
 * (measured at scale 36 on 2 cores, CPU time: acts 4.3 s, bare-note probes
 * 2.1 s, first replies 1.8 s, reopens 0.3 s; all in one process before).
 * A LATERAL join or a correlated subquery cannot run in a worker, so:
 * - a Parallel Append hands out independent parts, each whole to one
 *   process: the techs' acts cut into slices of one office each (so its
 *   hours are a constant), each slice one merged range scan per act table in
 *   tech order aggregated tech by tech; the first replies
 *   (firstRepliesInSpan, the span found by a statement before); and a
 *   one-row starter;
 * - the leader's own parts, the bare notes (the probes of isBareNote) and the
 *   reopens (a range walk) of every tech, are uncorrelated subqueries
 *   (InitPlans), run once when first needed: at the starter row, which the
 *   leader takes first (it takes the cheapest part, the workers the
 *   dearest), so they run while the workers scan. Then the leader takes
 *   parts too. Worker rows reach the leader late (a worker's queue hands
 *   over its rows in blocks of 16 kB), hence no per-row work waiting on them.
 * Each tech's acts are in one slice, so a tech's numbers are never split:
 * the outer GROUP BY only puts a tech's acts row beside its first replies row.
 * The OFFSET 0 levels keep the planner from moving the leader's expressions
 * below the Gather, which would rule out the parallel plan.
 */
async function statsInParallel(
  db: Kysely<Helpdesk>,
  ids: TechIds,
  scope: readonly Pick<ScopedTech, "tech_id" | "office_id">[],
  hours: OfficeHours[],
  start: Date,
  end: Date,
  raw: boolean,
): Promise<TechStats[] | RawTechStats[]> {
  const span = await ticketSpan(db, start, end);
  await tuneParallel(db);
  const parts: RawBuilder<unknown>[] = techSlices(scope, hours).map(
    ({ bounds, techIds }) => sql`
      SELECT a.tech_id, count(*) AS acts,
             count(*) FILTER (WHERE a.reply) AS public_replies,
             count(*) FILTER (WHERE NOT a.reply) AS internal_notes,
             coalesce(sum(a.credit), 0.0) AS credit,
             coalesce(sum(a.minutes), 0)::bigint AS minutes_logged,
             count(DISTINCT a.ticket_id) AS tickets_touched,
             count(*) FILTER (WHERE a.resolves) AS tickets_resolved,
             count(*) FILTER (WHERE ${afterHours(sql.ref("a.at"), sql`${bounds}::timestamptz[]`)}) AS after_hours_acts,
             NULL::float8[] AS reply_minutes
      FROM (${actsOfTechs(techIds, start, end)}) a
      GROUP BY a.tech_id`,
  );
  if (parts.length === 0) return [];
  if (span !== null) {
    // Gathered per tech here, each tech's few hundred sorted by the leader: cheaper than sorting a year of replies by tech.
    parts.push(sql`
      SELECT f.tech_id, NULL::bigint, NULL::bigint, NULL::bigint, NULL::numeric, NULL::bigint, NULL::bigint, NULL::bigint,
             NULL::bigint, array_agg(f.minutes)
      FROM (${firstRepliesInSpan(span, start, end)}) f
      GROUP BY f.tech_id`);
  }
  // The starter: no tech, and acts = 0 so that the leader's parts are looked at.
  parts.push(sql`SELECT NULL::int, 0::bigint, NULL::bigint, NULL::bigint, NULL::numeric, NULL::bigint, NULL::bigint,
                        NULL::bigint, NULL::bigint, NULL::float8[]`);
  const techIds = scope.map((t) => t.tech_id);
  const note = (column: string) => sql.ref(`n.${column}`);
  const last = raw
    ? sql`coalesce(p.acts, 0) AS acts, coalesce(p.after_hours_acts, 0) AS after_hours_acts, p.reply_minutes`
    : sql`round(p.median_minutes::numeric, 2)::float8 AS median_first_reply_minutes,
           round(p.after_hours_acts::numeric / p.acts, 2)::float8 AS after_hours_share`;
  // Raw: every tech with acts or first replies (their zero counts filled in); else techs with acts.
  const kept = raw ? sql`p.tech_id IS NOT NULL` : sql`p.acts > 0`;
  const zero = (column: string) => (raw ? sql`coalesce(${sql.ref(`p.${column}`)}, 0)` : sql.ref(`p.${column}`));
  const result = await sql<TechStats | RawTechStats>`
    SELECT p.tech_id, ${zero("public_replies")} AS public_replies, ${zero("internal_notes")} AS internal_notes,
           ${raw ? sql`coalesce(p.credit, 0.0)` : sql`p.credit`} AS credit, ${zero("bare_notes")} AS bare_notes,
           ${zero("minutes_logged")} AS minutes_logged, ${zero("tickets_touched")} AS tickets_touched,
           ${zero("tickets_resolved")} AS tickets_resolved, ${zero("reopened")} AS reopened,
           ${last}
    FROM (
      SELECT x.tech_id, max(x.acts) AS acts, max(x.public_replies) AS public_replies, max(x.internal_notes) AS internal_notes,
             max(x.credit) AS credit, max(x.bare_notes) AS bare_notes, max(x.minutes_logged) AS minutes_logged,
             max(x.tickets_touched) AS tickets_touched, max(x.tickets_resolved) AS tickets_resolved,
             max(x.after_hours_acts) AS after_hours_acts, max(x.median_minutes) AS median_minutes, max(x.reopened) AS reopened,
             ${raw ? sql`max(x.reply_minutes)` : sql`NULL::float8[]`} AS reply_minutes
      FROM (
        SELECT u.*,
               CASE WHEN u.acts IS NOT NULL THEN coalesce(((
                 SELECT jsonb_object_agg(t.id, b.bare_notes)
                 FROM unnest(${techIds}::int[]) AS t(id)
                 CROSS JOIN LATERAL (
                   SELECT count(*) FILTER (WHERE ${isBareNote(note("author_id"), note("ticket_id"), note("created_at"))}) AS bare_notes
                   FROM ticket_comments n
                   WHERE n.author_id = t.id AND n.created_at >= ${start} AND n.created_at < ${end}
                     AND n.visibility IS DISTINCT FROM 'public') b
                 WHERE b.bare_notes > 0
               ) ->> u.tech_id::text)::bigint, 0) END AS bare_notes,
               CASE WHEN u.acts IS NOT NULL THEN coalesce(((
                 SELECT jsonb_object_agg(r.tech_id, r.reopened) FROM (
                   SELECT r.tech_id, count(*) AS reopened FROM (${reopenedResolves(ids, start, end, "range")}) r GROUP BY r.tech_id) r
               ) ->> u.tech_id::text)::bigint, 0) END AS reopened,
               CASE WHEN u.reply_minutes IS NOT NULL AND NOT ${sql.lit(raw)} THEN (
                 SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) FROM unnest(u.reply_minutes) AS m) END AS median_minutes
        FROM (SELECT * FROM (${sql.join(parts, sql`\n      UNION ALL\n`)}) w OFFSET 0) u
        OFFSET 0) x
      GROUP BY x.tech_id
    ) p
    WHERE ${kept}
    ORDER BY p.tech_id`.execute(db);
  return result.rows as TechStats[] | RawTechStats[];
}

/**
 * The techs cut into about ACT_SLICES slices, each within one office (techs
 * of an office without hours have no row, as in statsByTech), an office's
 * share of the slices following its share of the techs.
 */
function techSlices(
  scope: readonly Pick<ScopedTech, "tech_id" | "office_id">[],
  hours: OfficeHours[],
): { bounds: Date[]; techIds: number[] }[] {
  const slices: { bounds: Date[]; techIds: number[] }[] = [];
  for (const { office_id, bounds } of hours) {
    const techIds = scope.filter((t) => t.office_id === office_id).map((t) => t.tech_id);
    const count = Math.min(techIds.length, Math.max(1, Math.round((ACT_SLICES * techIds.length) / scope.length)));
    for (let i = 0; i < count; i++) slices.push({ bounds, techIds: techIds.filter((_, j) => j % count === i) });
  }
  return slices;
}

/**
 * Settings for the parallel statement, this transaction only: two workers
 * beside the leader, which takes parts too (see statsInParallel), and no
 * parallel scans inside the parts, whose Gather would make a part unfit to
 * hand to a worker and so rule out the whole plan.
 */
async function tuneParallel(db: Kysely<Helpdesk>): Promise<void> {
  await sql`
    SELECT set_config('max_parallel_workers_per_gather', '2', true),
           set_config('parallel_leader_participation', 'on', true),
           set_config('min_parallel_table_scan_size', '715827882', true),
           set_config('min_parallel_index_scan_size', '715827882', true)`.execute(db);
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
