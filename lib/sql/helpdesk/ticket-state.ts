import "server-only";
import { type Expression, sql } from "kysely";

export type TicketField = "status" | "queue" | "assignee" | "priority";

/**
 * The value (text) of one field of a ticket at an instant: the new_value of
 * its event for that field with the greatest (at, id) among those at or
 * before the instant; null when there is none. One index probe on
 * ticket_events (ticket_id, at). The field name is a literal so the planner
 * can match partial indexes.
 */
export function fieldAt(ticketId: Expression<number>, field: TicketField, at: Date) {
  return sql<string | null>`(
    SELECT e.new_value FROM ticket_events e
    WHERE e.ticket_id = ${ticketId} AND e.field = ${sql.lit(field)} AND e.at <= ${at}::timestamptz
    ORDER BY e.at DESC, e.id DESC
    LIMIT 1)`;
}
