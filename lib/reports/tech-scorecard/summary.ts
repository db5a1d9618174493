import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { Dec } from "../../money";
import { addDaysTo, rangeInstants } from "../../params/dates";
import { planRange } from "../../summary";
import type { Days } from "../../summary/months";
import type { Summarizer, SummaryRow } from "../../summary/store";
import type { QueryContext } from "../types";
import { actsOfTechs, type TechIds } from "./acts";
import { type OfficeHours, officeHours } from "./office-hours";
import type { ScopedTech } from "./scope";
import { type RawTechStats, rawStats, type TechStats } from "./stats";

/**
 * The monthly summary of the scorecard (lib/summary): per closed month and
 * tech, the numbers that add up across months (acts, acts after hours,
 * replies, notes, credit, bare notes, minutes, resolves, reopens), the
 * first-reply minutes of the tickets created that month (a median does not
 * add up: the minutes themselves are kept), and the tickets touched, counted
 * per the day the tech last touched the ticket before the month: a ticket
 * counts once in a range at its first touch there, which in summarized months
 * [A, B) of a range starting `from` is the month whose previous touch is
 * before `from` (or there is none).
 *
 * A note's bareness and a resolve's reopening look past the month (30
 * minutes, 14 days): computed with what the helpdesk holds when the month is
 * computed, and again at every refresh.
 */
export const SCORECARD_SUMMARY = "tech-scorecard";

export const scorecardSummary: Summarizer = {
  id: SCORECARD_SUMMARY,
  sources: ["helpdesk"],
  tables: [
    {
      name: "scorecard_months",
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
        reply_minutes: "float8[]",
      },
    },
    { name: "scorecard_touches", columns: { tech_id: "int4", prev_day: "date", tickets: "int8" } },
  ],
  async firstDay({ helpdesk }) {
    const { rows } = await sql<{ first: string | null }>`
      SELECT (least((SELECT min(created_at) FROM ticket_comments WHERE author_id IS NOT NULL),
                    (SELECT min(at) FROM ticket_events WHERE actor_id IS NOT NULL),
                    (SELECT min(started_at) FROM time_entries)) - interval '1 day')::date AS first`.execute(helpdesk);
    return rows[0]?.first ?? null;
  },
  async compute({ helpdesk }, month, timeZone) {
    const { start, end } = rangeInstants(month.from, month.to, timeZone);
    const { rows: techs } = await sql<{ tech_id: number; office_id: number }>`
      SELECT id AS tech_id, office_id FROM techs ORDER BY id`.execute(helpdesk);
    const hours = await officeHours(helpdesk, [...new Set(techs.map((t) => t.office_id))], start, end);
    const stats = await rawStats(helpdesk, "all", techs, hours, start, end);
    const ids = techs.map((t) => t.tech_id);
    const { rows: touches } = await sql<SummaryRow>`
      SELECT p.tech_id, (${previousTouch(start)} AT TIME ZONE ${timeZone})::date AS prev_day, count(*) AS tickets
      FROM (SELECT DISTINCT a.tech_id, a.ticket_id FROM (${actsOfTechs(ids, start, end)}) a) p
      GROUP BY 1, 2`.execute(helpdesk);
    return {
      scorecard_months: stats.map((s) => ({ ...s })),
      scorecard_touches: touches,
    };
  },
};

/**
 * The instant tech `p.tech_id` last acted on ticket `p.ticket_id` before
 * `before` (null: never), from three probes of the ticket's own indexes.
 */
function previousTouch(before: Date, since?: Date): RawBuilder<Date | null> {
  const after = (column: string) => (since ? sql`AND ${sql.ref(column)} >= ${since}` : sql``);
  return sql<Date | null>`greatest(
    (SELECT max(c.created_at) FROM ticket_comments c
      WHERE c.ticket_id = p.ticket_id AND c.author_id = p.tech_id AND c.created_at < ${before} ${after("c.created_at")}),
    (SELECT max(e.at) FROM ticket_events e
      WHERE e.ticket_id = p.ticket_id AND e.actor_id = p.tech_id AND e.at < ${before} ${after("e.at")}),
    (SELECT max(t.started_at) FROM time_entries t
      WHERE t.ticket_id = p.ticket_id AND t.tech_id = p.tech_id AND t.started_at < ${before} ${after("t.started_at")}))`;
}

interface SummedRow {
  tech_id: number;
  acts: number | null;
  after_hours_acts: number | null;
  public_replies: number | null;
  internal_notes: number | null;
  credit: string | null;
  bare_notes: number | null;
  minutes_logged: number | null;
  tickets_resolved: number | null;
  reopened: number | null;
  tickets: number | null;
  median: number | null;
}

/**
 * The scorecard of many techs over [range] (instants [start, end)) with its
 * whole closed months read from the summary, or null when it has none of
 * them (the caller reads the replica). The days before the months (head) and
 * after them (tail) are read from the replica as raw numbers and added: a
 * ticket touched in the head counts there; in the months, when the tech's
 * previous touch is before the range; in the tail, when the tech did not
 * touch it between the range's start and the tail. The median takes every
 * first-reply minute of the three parts at once.
 */
export async function summarizedStats(
  ctx: Pick<QueryContext, "store" | "timeZone" | "summarized"> & { helpdesk: Kysely<Helpdesk> },
  ids: TechIds,
  scope: readonly Pick<ScopedTech, "tech_id" | "office_id">[],
  hours: OfficeHours[],
  range: Days,
): Promise<TechStats[] | null> {
  const plan = await planRange(ctx.store, [SCORECARD_SUMMARY], ctx.timeZone, range);
  if (!plan || !ctx.store) return null;
  ctx.summarized?.({ ...plan.months, computedAt: plan.computedAt.toISOString() });
  const { start, end } = rangeInstants(range.from, range.to, ctx.timeZone);
  const months = rangeInstants(plan.months.first, addDaysTo(plan.months.next, -1), ctx.timeZone);
  const scopeIds = scope.map((t) => t.tech_id);
  const inScope = new Set(scopeIds);
  const head = plan.head ? await rawStats(ctx.helpdesk, ids, scope, hours, start, months.start) : [];
  const tail = plan.tail ? await rawStats(ctx.helpdesk, ids, scope, hours, months.end, end) : [];
  const tailTickets = new Map<number, number>();
  if (plan.tail) {
    const { rows } = await sql<{ tech_id: number; tickets: number }>`
      SELECT p.tech_id, count(*) AS tickets
      FROM (SELECT DISTINCT a.tech_id, a.ticket_id FROM (${actsOfTechs(scopeIds, months.end, end)}) a) p
      WHERE ${previousTouch(months.end, start)} IS NULL
      GROUP BY 1`.execute(ctx.helpdesk);
    for (const r of rows) tailTickets.set(r.tech_id, r.tickets);
  }
  // The tail's own count took every ticket it touched; only those not touched earlier in the range count.
  const tailCounted = tail.map((s) => ({ ...s, tickets_touched: tailTickets.get(s.tech_id) ?? 0 }));
  const edges = [...head, ...tailCounted].filter((s) => inScope.has(s.tech_id));
  const edgeMinutes = edges.flatMap((s) => (s.reply_minutes ?? []).map((m) => [s.tech_id, m] as const));
  const ofTechs = ids === "all" ? sql`true` : sql`tech_id = ANY(${scopeIds}::int[])`;
  const inMonths = sql`time_zone = ${ctx.timeZone} AND month >= ${plan.months.first}::date AND month < ${plan.months.next}::date AND ${ofTechs}`;
  const { rows } = await sql<SummedRow>`
    WITH kept AS (SELECT * FROM scorecard_months WHERE ${inMonths}),
    sums AS (
      SELECT tech_id, sum(acts)::int8 AS acts, sum(after_hours_acts)::int8 AS after_hours_acts,
             sum(public_replies)::int8 AS public_replies, sum(internal_notes)::int8 AS internal_notes,
             sum(credit)::text AS credit, sum(bare_notes)::int8 AS bare_notes, sum(minutes_logged)::int8 AS minutes_logged,
             sum(tickets_resolved)::int8 AS tickets_resolved, sum(reopened)::int8 AS reopened
      FROM kept GROUP BY tech_id),
    touched AS (
      SELECT tech_id, sum(tickets)::int8 AS tickets FROM scorecard_touches
      WHERE ${inMonths} AND (prev_day IS NULL OR prev_day < ${range.from}::date)
      GROUP BY tech_id),
    replies AS (
      SELECT tech_id, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m)::numeric, 2)::float8 AS median
      FROM (SELECT tech_id, unnest(reply_minutes) AS m FROM kept
            UNION ALL
            SELECT * FROM unnest(${edgeMinutes.map((e) => e[0])}::int[], ${edgeMinutes.map((e) => e[1])}::float8[])) r
      GROUP BY tech_id)
    SELECT tech_id, s.acts, s.after_hours_acts, s.public_replies, s.internal_notes, s.credit, s.bare_notes,
           s.minutes_logged, s.tickets_resolved, s.reopened, t.tickets, r.median
    FROM sums s FULL JOIN touched t USING (tech_id) FULL JOIN replies r USING (tech_id)`.execute(ctx.store);

  const byTech = new Map<number, { raw: RawTechStats; credit: Dec; median: number | null }>();
  const entry = (techId: number) => {
    let e = byTech.get(techId);
    if (!e) {
      e = { raw: blank(techId), credit: new Dec(0), median: null };
      byTech.set(techId, e);
    }
    return e;
  };
  for (const s of edges) add(entry(s.tech_id), s);
  for (const r of rows) {
    if (!inScope.has(r.tech_id)) continue;
    const e = entry(r.tech_id);
    add(e, { ...blank(r.tech_id), ...withoutNulls(r), tickets_touched: r.tickets ?? 0 });
    e.median = r.median;
  }
  return [...byTech.values()]
    .filter((e) => e.raw.acts > 0)
    .sort((a, b) => a.raw.tech_id - b.raw.tech_id)
    .map(({ raw, credit, median }) => ({
      tech_id: raw.tech_id,
      public_replies: raw.public_replies,
      internal_notes: raw.internal_notes,
      credit: credit.toFixed(1),
      bare_notes: raw.bare_notes,
      minutes_logged: raw.minutes_logged,
      tickets_touched: raw.tickets_touched,
      tickets_resolved: raw.tickets_resolved,
      reopened: raw.reopened,
      median_first_reply_minutes: median,
      // As the replica's statement rounds it: numeric division, half away from zero.
      after_hours_share: new Dec(raw.after_hours_acts).div(raw.acts).toDecimalPlaces(2).toNumber(),
    }));
}

function blank(techId: number): RawTechStats {
  return {
    tech_id: techId,
    acts: 0,
    after_hours_acts: 0,
    public_replies: 0,
    internal_notes: 0,
    credit: "0",
    bare_notes: 0,
    minutes_logged: 0,
    tickets_touched: 0,
    tickets_resolved: 0,
    reopened: 0,
    reply_minutes: null,
  };
}

function withoutNulls(r: SummedRow): Partial<RawTechStats> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as Partial<RawTechStats>;
}

const ADDED = [
  "acts",
  "after_hours_acts",
  "public_replies",
  "internal_notes",
  "bare_notes",
  "minutes_logged",
  "tickets_touched",
  "tickets_resolved",
  "reopened",
] as const;

function add(e: { raw: RawTechStats; credit: Dec }, s: RawTechStats): void {
  for (const key of ADDED) e.raw[key] += s[key];
  e.credit = e.credit.add(s.credit);
}
