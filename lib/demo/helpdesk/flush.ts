import type { Step } from "../step";

/**
 * Writes the staged tickets, events, comments and time entries. A ticket's
 * current columns are the replay of its own events: for each field the value
 * of its last event (`ord` packed above the value, so one hash aggregate
 * finds it without sorting 20M rows). Ids follow time: events, comments and
 * time entries are numbered by (time, ticket, ord).
 */
const STATUSES = "ARRAY['new', 'open', 'pending', 'on_hold', 'resolved', 'closed', 'merged', 'deleted']";
const last = (field: string, value: string) =>
  `(max((ord::bigint << 24) | ${value}) FILTER (WHERE field = '${field}') & 16777215)::int`;

export const flushSteps: Step[] = [
  {
    name: "tickets",
    sql: `
      INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id,
                           updated_at, resolved_at, merged_into_id)
      SELECT t.id, t.customer_id, t.subject, t.channel, s.priority, t.created_at, (${STATUSES})[s.status], s.queue_id,
        nullif(s.assignee, 0), greatest(s.last_event_at, c.last_comment_at), s.resolved_at,
        CASE WHEN s.status = 7 THEN t.merged_into END
      FROM plan t
      JOIN (
        SELECT ticket_id,
          ${last("status", `array_position(${STATUSES}, new_value)`)} AS status,
          ${last("queue", "new_value::int")} AS queue_id,
          ${last("assignee", "coalesce(new_value::int, 0)")} AS assignee,
          ${last("priority", "new_value::int")} AS priority,
          max(at) AS last_event_at,
          max(at) FILTER (WHERE field = 'status' AND new_value = 'resolved') AS resolved_at
        FROM ev GROUP BY ticket_id
      ) s ON s.ticket_id = t.id
      LEFT JOIN (SELECT ticket_id, max(created_at) AS last_comment_at FROM cm GROUP BY ticket_id) c ON c.ticket_id = t.id
      ORDER BY t.id;
    `,
  },
  {
    name: "ticket events",
    sql: `
      INSERT INTO ticket_events (id, ticket_id, at, actor_id, field, old_value, new_value)
      SELECT row_number() OVER (ORDER BY at, ticket_id, ord), ticket_id, at, actor, field, old_value, new_value
      FROM ev;
    `,
  },
  {
    name: "ticket comments",
    sql: `
      INSERT INTO ticket_comments (id, ticket_id, author_id, created_at, visibility, body, credit)
      SELECT row_number() OVER (ORDER BY created_at, ticket_id, ord), ticket_id, author_id, created_at, visibility, body, credit
      FROM cm;
    `,
  },
  {
    name: "time entries",
    sql: `
      INSERT INTO time_entries (id, ticket_id, tech_id, started_at, minutes, billable, note)
      SELECT row_number() OVER (ORDER BY started_at, ticket_id, ord), ticket_id, tech_id, started_at, minutes, billable, note
      FROM te;
    `,
  },
];
