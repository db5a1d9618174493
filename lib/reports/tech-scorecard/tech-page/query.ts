import "server-only";
import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../../db/types";
import { rangeInstants } from "../../../params/dates";
import { type ActKind, actsOf, firstReplies, isBareNote, reopenedResolves } from "../../../sql/helpdesk/acts";
import { notYours } from "../../refusal";
import type { QueryContext } from "../../types";
import { scorecardRows } from "../query";
import type { ScorecardRow } from "../row";
import { type ScopedTech, techsInScope } from "../scope";
import type { TechPageParams } from "./params";

/*
 * The SQL of the tech page's sub-reports (report.ts). Each one first finds
 * the tech and checks, with the scorecard's own role rules in SQL, that the
 * caller may see them: a login nobody has never gets here (the engine
 * checked it: 404), a tech the caller may not see refuses the run (403).
 */

type Ctx = Pick<QueryContext, "helpdesk" | "user" | "timeZone">;
type TeamCtx = Ctx & Pick<QueryContext, "store" | "now" | "summarized">;

interface Scoped {
  tech: ScopedTech;
  start: Date;
  end: Date;
}

async function scopedTech(ctx: Ctx, p: TechPageParams): Promise<Scoped> {
  const { start, end } = rangeInstants(p.from, p.to, ctx.timeZone);
  const found = await sql<{ id: number }>`SELECT id FROM techs WHERE login = ${p.login}`.execute(ctx.helpdesk);
  const id = found.rows[0]?.id;
  const [tech] = id === undefined ? [] : await techsInScope(ctx.helpdesk, end, { tech: id }, ctx.user);
  if (!tech) throw notYours("tech's page", ctx.user.role);
  return { tech, start, end };
}

/** The tech, with the team the scorecard files them under and their office's zone: one row. */
export type TechProfileRow = ScopedTech & { [key: string]: string | number | null };

export async function techProfile(ctx: Ctx, p: TechPageParams): Promise<TechProfileRow[]> {
  // The same fields as a row of the table (ScopedTech is an interface, so it has no index signature).
  return [(await scopedTech(ctx, p)).tech as TechProfileRow];
}

/**
 * The scorecard rows of the tech's team (the tech among them), for the tiles
 * and the team medians; a tech sees only their own row: they may see no one
 * else's numbers, not even as a median.
 */
export async function techTeamRows(ctx: TeamCtx, p: TechPageParams): Promise<ScorecardRow[]> {
  const { tech } = await scopedTech(ctx, p);
  const withTeam = ctx.user.role !== "tech" && tech.team_id !== null;
  return scorecardRows(
    ctx.helpdesk,
    ctx.user,
    withTeam ? { team: tech.team_id ?? undefined } : { tech: tech.tech_id },
    { from: p.from, to: p.to },
    ctx.timeZone,
    ctx,
  );
}

export async function techHours(ctx: Ctx, p: TechPageParams): Promise<HeatCell[]> {
  const { tech, start, end } = await scopedTech(ctx, p);
  return activityByHour(ctx.helpdesk, tech.tech_id, tech.timezone, start, end);
}

export async function techActs(ctx: Ctx, p: TechPageParams): Promise<ActDetail[]> {
  const { tech, start, end } = await scopedTech(ctx, p);
  return actsOnTickets(ctx.helpdesk, tech.tech_id, start, end);
}

export async function techFirstReplies(ctx: Ctx, p: TechPageParams): Promise<FirstReply[]> {
  const { tech, start, end } = await scopedTech(ctx, p);
  return firstRepliesOf(ctx.helpdesk, tech.tech_id, start, end);
}

/** Acts in one hour of one weekday, in the office's zone. */
export interface HeatCell {
  [key: string]: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isodow: number;
  hour: number;
  acts: number;
}

/** The tech's acts by weekday and hour of the day in `zone` (their office's), over [start, end). */
async function activityByHour(
  db: Kysely<Helpdesk>,
  techId: number,
  zone: string,
  start: Date,
  end: Date,
): Promise<HeatCell[]> {
  const result = await sql<HeatCell>`
    SELECT extract(isodow FROM a.at AT TIME ZONE ${zone})::int AS isodow,
           extract(hour FROM a.at AT TIME ZONE ${zone})::int AS hour,
           count(*)::int AS acts
    FROM (${actsOf(sql`${techId}::int`, start, end)}) a
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return result.rows;
}

/** One thing the tech did on a ticket, with what it was. */
export interface ActDetail {
  [key: string]: string | number | boolean | Date | null;
  ticket_id: number;
  subject: string;
  customer: string;
  at: Date;
  kind: ActKind;
  act_id: number;
  /** Comments: their credit; others null. */
  credit: string | null;
  /** An internal note with nothing else by the tech on the ticket within 30 minutes. */
  bare: boolean;
  /** A resolve the ticket was reopened from within 14 days. */
  reopened: boolean;
  /** Events: the field and its change. */
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  /** Time entries. */
  minutes: number | null;
  /** The start of a comment's body or a time entry's note. */
  text: string | null;
}

/** How many acts the ticket list shows at most; the tiles and heat map always count them all. */
export const ACT_LIST_CAP = 3000;

/**
 * Everything the tech did on each ticket over [start, end), ticket by ticket
 * (in the order they first touched them), act by act in time order. Returns
 * at most ACT_LIST_CAP + 1 rows so the caller can tell the list was cut.
 */
async function actsOnTickets(db: Kysely<Helpdesk>, techId: number, start: Date, end: Date): Promise<ActDetail[]> {
  const tech = sql<number>`${techId}::int`;
  const result = await sql<ActDetail>`
    SELECT j.ticket_id, tk.subject, cu.name AS customer, j.at, j.kind, j.act_id, j.credit,
           j.kind = 'note' AND ${isBareNote(tech, sql.ref("j.ticket_id"), sql.ref("j.at"))} AS bare,
           ro.resolve_id IS NOT NULL AS reopened,
           e.field, e.old_value, e.new_value, j.minutes,
           left(coalesce(c.body, te.note), 160) AS text
    FROM (${actsOf(tech, start, end, { withIds: true })}) j
    JOIN tickets tk ON tk.id = j.ticket_id
    JOIN customers cu ON cu.id = tk.customer_id
    LEFT JOIN ticket_comments c ON j.kind IN ('reply', 'note') AND c.id = j.act_id
    LEFT JOIN ticket_events e ON j.kind = 'change' AND e.id = j.act_id
    LEFT JOIN time_entries te ON j.kind = 'time' AND te.id = j.act_id
    LEFT JOIN (${reopenedResolves([techId], start, end)}) ro ON j.kind = 'change' AND ro.resolve_id = j.act_id
    ORDER BY min(j.at) OVER (PARTITION BY j.ticket_id), j.ticket_id, j.at, j.act_id
    LIMIT ${ACT_LIST_CAP + 1}`.execute(db);
  return result.rows;
}

/** A ticket created in the range whose first public tech reply was this tech's. */
export interface FirstReply {
  [key: string]: string | number | Date;
  ticket_id: number;
  subject: string;
  ticket_created_at: Date;
  replied_at: Date;
  minutes: number;
}

async function firstRepliesOf(db: Kysely<Helpdesk>, techId: number, start: Date, end: Date): Promise<FirstReply[]> {
  const result = await sql<FirstReply>`
    SELECT f.ticket_id, tk.subject, f.ticket_created_at, f.replied_at, f.minutes
    FROM (${firstReplies([techId], start, end)}) f
    JOIN tickets tk ON tk.id = f.ticket_id
    ORDER BY f.ticket_created_at, f.ticket_id`.execute(db);
  return result.rows;
}
