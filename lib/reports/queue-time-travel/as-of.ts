import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";

/**
 * The "as of" building blocks the three queue reports share (queue-time-travel,
 * queue-depth, queue-changes), so that they agree on what "in the queues at T"
 * means.
 *
 * The state of a ticket's field at T is the new_value of its event for that
 * field with the greatest (at, id) among those with at ≤ T. Every state a
 * report shows is read that way from ticket_events, never from the current
 * columns of tickets.
 *
 * These are the replica path: with a database of our own, the reports ask
 * the history index (lib/history) instead, and use this only without one.
 *
 * Finding which tickets to read, without reading all history:
 * 1. Young tickets, created in the YOUNG_DAYS before T: the smallest and
 *    greatest id among them (ticketIdRange, from tickets (created_at, id)),
 *    then the partial index of status events by (ticket_id, at DESC, id DESC)
 *    read in its own order over that id range: "each ticket's latest status at
 *    or before T" is a streaming DISTINCT ON, no sort, no hash. Events only.
 * 2. Older tickets (ids outside that range) that may still be in the queues at
 *    T: a ticket in the queues at T has an event after T, so tickets.updated_at
 *    ≥ T, or none, so it is still in the queues today. A GiST index over the
 *    range [created_at, updated_at], open-ended while tickets.status is a queue
 *    status, finds the tickets whose range holds T (forgotten holds, long
 *    waits) without scanning the history. Each one's status at T is then read
 *    from its events, like every other.
 * The cost follows the tickets created in the last YOUNG_DAYS and the old
 * tickets alive at T, never the length of the history: flat as history grows.
 *
 * The current columns only narrow the search among old tickets, where no
 * index over single events can find "the status interval that contains T"
 * (its end lives in the next event). A wrong tickets row can hide an old
 * ticket from the list, never put one in it.
 */
export const YOUNG_DAYS = 30;

/** How the tickets are found, in the words every queue report's description uses. */
export const HOW_TICKETS_ARE_FOUND =
  "Tickets are found in Lookback's history index: the spans each ticket spent in the queues, folded from ticket_events " +
  "alone and caught up with the replica before every run (run facts show its statements as “lookback”). Without a " +
  `database of Lookback's own, or while the index is first built, tickets created in the ${YOUNG_DAYS} days before an ` +
  "instant are found from their history alone, and older ones among those the tickets table shows as still open or as " +
  "updated after the instant, then read from their history like the rest: a wrong ticket row can hide an old ticket " +
  "there, never add one.";

/**
 * Session settings for the queue reports, LOCAL to the report's transaction
 * (settings, not writes: fine on a hot standby). They are many small index
 * lookups whose row estimates run high, so PostgreSQL's JIT would compile
 * them for longer than they run (measured: 1.6 s of JIT on a 1 s query); and
 * the depth series sorts a week of status and queue events, which spills to
 * disk under the default 4 MB of work_mem.
 */
export async function tuneSession(helpdesk: Kysely<Helpdesk>): Promise<void> {
  await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`.execute(helpdesk);
}

/** Ids of the tickets created in the YOUNG_DAYS before `at`, as the range [lo, hi]; null when there are none. */
export interface TicketIdRange {
  lo: number;
  hi: number;
}

export async function ticketIdRange(helpdesk: Kysely<Helpdesk>, at: Date): Promise<TicketIdRange | null> {
  const result = await sql<{ lo: number | null; hi: number | null }>`
    SELECT min(t.id) AS lo, max(t.id) AS hi
    FROM tickets t
    WHERE t.created_at > ${at}::timestamptz - make_interval(days => ${YOUNG_DAYS})
      AND t.created_at <= ${at}::timestamptz`.execute(helpdesk);
  const row = result.rows[0];
  return row?.lo != null && row.hi != null ? { lo: row.lo, hi: row.hi } : null;
}

/**
 * The lifetime range of a ticket as the GiST index
 * tickets_alive (sql/indexes/helpdesk/queue-time-travel.sql) holds it: the
 * expression must match the index's, character for character.
 */
const ALIVE = sql`tstzrange(o.created_at, CASE WHEN o.status IN ('new', 'open', 'pending', 'on_hold') THEN NULL
                   ELSE greatest(o.created_at, o.updated_at) END, '[]')`;

/**
 * Tickets in the queues at `at`: (ticket_id, status, status_since),
 * status_since being the `at` of the event that set the status. `range` is the
 * young tickets' id range at `at` (ticketIdRange), bound as constants so the
 * planner sees how many tickets it spans and reads the index in order.
 */
export function inQueuesAt(at: Date, range: TicketIdRange | null): RawBuilder<unknown> {
  const young = range
    ? sql`
      SELECT s.ticket_id, s.status, s.status_since
      FROM (
        SELECT DISTINCT ON (e.ticket_id) e.ticket_id, e.new_value AS status, e.at AS status_since
        FROM ticket_events e
        WHERE e.field = 'status'
          AND e.ticket_id >= ${range.lo}::bigint AND e.ticket_id <= ${range.hi}::bigint
          AND e.at <= ${at}::timestamptz
        ORDER BY e.ticket_id, e.at DESC, e.id DESC
      ) s
      WHERE s.status IN ('new', 'open', 'pending', 'on_hold')
      UNION ALL`
    : sql``;
  const outsideYoung = range ? sql`AND (o.id < ${range.lo}::bigint OR o.id > ${range.hi}::bigint)` : sql``;
  return sql`${young}
    SELECT o.id AS ticket_id, l.status, l.status_since
    FROM tickets o
    CROSS JOIN LATERAL (
      SELECT e.new_value AS status, e.at AS status_since
      FROM ticket_events e
      WHERE e.ticket_id = o.id AND e.field = 'status' AND e.at <= ${at}::timestamptz
      ORDER BY e.at DESC, e.id DESC
      LIMIT 1
    ) l
    WHERE ${ALIVE} @> ${at}::timestamptz ${outsideYoung}
      AND l.status IN ('new', 'open', 'pending', 'on_hold')`;
}

export type EventField = "status" | "queue" | "assignee" | "priority";

/**
 * The value (text) of one field of the ticket `ticketId` (an SQL expression)
 * at `at`: one index probe on (ticket_id, field, at DESC, id DESC). The field
 * name is a literal so the planner can match partial indexes.
 */
export function fieldAt(ticketId: RawBuilder<unknown>, field: EventField, at: Date): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT e.new_value FROM ticket_events e
    WHERE e.ticket_id = ${ticketId} AND e.field = ${sql.lit(field)} AND e.at <= ${at}::timestamptz
    ORDER BY e.at DESC, e.id DESC
    LIMIT 1)`;
}

/**
 * Queue, assignee and priority of the ticket `ticketId` at `at`, in one
 * descent of the (ticket_id, field, at DESC, id DESC) index: its events up to
 * `at` in index order, the first per field. Use as a LATERAL subquery; its
 * columns are queue_id, assignee_id and priority.
 */
export function fieldsAt(ticketId: RawBuilder<unknown>, at: Date): RawBuilder<unknown> {
  return sql`
    SELECT max(l.new_value) FILTER (WHERE l.field = 'queue')::int AS queue_id,
           max(l.new_value) FILTER (WHERE l.field = 'assignee')::int AS assignee_id,
           max(l.new_value) FILTER (WHERE l.field = 'priority')::int AS priority
    FROM (
      SELECT DISTINCT ON (e.field) e.field, e.new_value
      FROM ticket_events e
      WHERE e.ticket_id = ${ticketId} AND e.at <= ${at}::timestamptz
      ORDER BY e.field, e.at DESC, e.id DESC
    ) l`;
}

/**
 * The name of team `teamId` (an SQL expression) in force at `at` (an instant,
 * or an SQL expression); before its first name took effect, that first name.
 */
export function teamNameAt(teamId: RawBuilder<unknown>, at: Date | RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`coalesce(
    (SELECT n.name FROM team_names n WHERE n.team_id = ${teamId} AND n.valid_from <= ${at}::timestamptz
     ORDER BY n.valid_from DESC LIMIT 1),
    (SELECT n.name FROM team_names n WHERE n.team_id = ${teamId} ORDER BY n.valid_from LIMIT 1))`;
}

/** `null` when no queue is chosen (all queues), else the ids: bound as one int[] parameter. */
export function queueFilter(queues: readonly number[]): number[] | null {
  return queues.length > 0 ? [...queues] : null;
}
