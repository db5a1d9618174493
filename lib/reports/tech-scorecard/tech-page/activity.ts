import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../../db/types";
import { type ActKind, actsOf, firstReplies, isBareNote, reopenedResolves } from "../../../sql/helpdesk/acts";

/** Acts in one hour of one weekday, in the office's zone. */
export interface HeatCell {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isodow: number;
  hour: number;
  acts: number;
}

/** The tech's acts by weekday and hour of the day in `zone` (their office's), over [start, end). */
export async function activityByHour(
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
export async function actsOnTickets(
  db: Kysely<Helpdesk>,
  techId: number,
  start: Date,
  end: Date,
): Promise<ActDetail[]> {
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
  ticket_id: number;
  subject: string;
  ticket_created_at: Date;
  replied_at: Date;
  minutes: number;
}

export async function firstRepliesOf(
  db: Kysely<Helpdesk>,
  techId: number,
  start: Date,
  end: Date,
): Promise<FirstReply[]> {
  const result = await sql<FirstReply>`
    SELECT f.ticket_id, tk.subject, f.ticket_created_at, f.replied_at, round(f.minutes::numeric, 2)::float8 AS minutes
    FROM (${firstReplies([techId], start, end)}) f
    JOIN tickets tk ON tk.id = f.ticket_id
    ORDER BY f.ticket_created_at, f.ticket_id`.execute(db);
  return result.rows;
}
