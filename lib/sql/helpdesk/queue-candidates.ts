import "server-only";
import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { inQueueLiterals, inQueueStatuses } from "./queue-spans";

/**
 * Without a database of our own, the queue reports fold spans (queue-spans.ts)
 * on the fly, for the tickets that may matter only. These find those tickets
 * on the replica without reading all history; which of them really are in the
 * queues, and how, is always the fold's answer.
 *
 * At an instant T:
 * 1. Young tickets, created in the YOUNG_DAYS before T: the smallest and
 *    greatest id among them (ticketIdRange, from tickets (created_at, id)),
 *    then the partial index of status events by (ticket_id, at DESC, id DESC)
 *    read in its own order over that id range: "each ticket's latest status at
 *    or before T" is a streaming DISTINCT ON.
 * 2. Older tickets (ids outside that range) that may still be in the queues at
 *    T: a ticket in the queues at T has an event after T, so tickets.updated_at
 *    ≥ T, or none, so it is still in the queues today. A GiST index over the
 *    range [created_at, updated_at], open-ended while tickets.status is a queue
 *    status, finds them (sql/indexes/helpdesk/queue-time-travel.sql).
 * The current columns only narrow the search among old tickets: a wrong
 * tickets row can hide an old ticket from the list, never put one in it.
 */
export const YOUNG_DAYS = 30;

/**
 * Session settings for the queue reports on the replica, LOCAL to the
 * report's transaction (settings, not writes: fine on a hot standby). Many
 * small index lookups whose row estimates run high, so JIT would compile for
 * longer than they run; and the fold sorts events, which spills to disk under
 * the default 4 MB of work_mem.
 */
export async function tuneSession(helpdesk: Kysely<Helpdesk>): Promise<void> {
  await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`.execute(helpdesk);
}

/** Ids of the tickets created in the YOUNG_DAYS before an instant, as the range [lo, hi]. */
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

/** The lifetime range of a ticket as the GiST index tickets_alive holds it: character for character. */
const ALIVE = sql`tstzrange(o.created_at, CASE WHEN o.status IN (${inQueueLiterals}) THEN NULL
                   ELSE greatest(o.created_at, o.updated_at) END, '[]')`;

/**
 * Ids of the tickets that may be in the queues at `at` (a superset of those
 * that are). `range` is the young tickets' id range at `at` (ticketIdRange),
 * bound as constants so the planner reads the index in order over it.
 */
export function candidatesAt(at: Date, range: TicketIdRange | null) {
  const young = range
    ? sql`
      SELECT s.ticket_id FROM (
        SELECT DISTINCT ON (e.ticket_id) e.ticket_id, e.new_value AS status
        FROM ticket_events e
        WHERE e.field = 'status'
          AND e.ticket_id >= ${range.lo}::bigint AND e.ticket_id <= ${range.hi}::bigint
          AND e.at <= ${at}::timestamptz
        ORDER BY e.ticket_id, e.at DESC, e.id DESC
      ) s
      WHERE s.status = ANY(${inQueueStatuses})
      UNION ALL`
    : sql``;
  const outsideYoung = range ? sql`AND (o.id < ${range.lo}::bigint OR o.id > ${range.hi}::bigint)` : sql``;
  return sql<{ ticket_id: number }>`${young}
    SELECT o.id AS ticket_id
    FROM tickets o
    CROSS JOIN LATERAL (
      SELECT e.new_value AS status FROM ticket_events e
      WHERE e.ticket_id = o.id AND e.field = 'status' AND e.at <= ${at}::timestamptz
      ORDER BY e.at DESC, e.id DESC
      LIMIT 1
    ) l
    WHERE ${ALIVE} @> ${at}::timestamptz ${outsideYoung} AND l.status = ANY(${inQueueStatuses})`;
}

/**
 * Ids of the tickets that may be in a queue at some instant of [first, last]:
 * those that may be at `first`, and those with a status or queue event after
 * it (entering the queues, or a queue, takes one).
 */
export function candidatesDuring(first: Date, last: Date, rangeAtFirst: TicketIdRange | null) {
  return sql<{ ticket_id: number }>`
    ${candidatesAt(first, rangeAtFirst)}
    UNION
    SELECT e.ticket_id FROM ticket_events e
    WHERE e.field IN ('status', 'queue') AND e.at > ${first}::timestamptz AND e.at <= ${last}::timestamptz`;
}

/** Those that may be in the queues at either of two instants. */
export function candidatesAtEither(
  since: Date,
  rangeAtSince: TicketIdRange | null,
  at: Date,
  rangeAtAt: TicketIdRange | null,
) {
  return sql<{ ticket_id: number }>`${candidatesAt(since, rangeAtSince)} UNION ${candidatesAt(at, rangeAtAt)}`;
}
