/**
 * What must hold in any generated helpdesk database, as queries that count
 * the rows breaking the rule (0 = holds). The reports rely on these: the
 * time-travel report on the event conventions, the scorecard on acts
 * happening while a ticket is open. Written set-based so they also run at
 * scale 1.
 */
export interface Invariant {
  rule: string;
  sql: string;
}

const statusBefore = (ticket: string, instant: string) => `(
  SELECT e.new_value FROM ticket_events e
  WHERE e.ticket_id = ${ticket} AND e.field = 'status' AND e.at < ${instant}
  ORDER BY e.at DESC, e.id DESC LIMIT 1)`;

export const HELPDESK_INVARIANTS: Invariant[] = [
  {
    rule: "every ticket has status, queue and priority creation events (old value NULL) at created_at",
    sql: `
      SELECT count(*) FROM tickets t
      WHERE (SELECT count(DISTINCT e.field) FROM ticket_events e
             WHERE e.ticket_id = t.id AND e.at = t.created_at AND e.old_value IS NULL
               AND e.field IN ('status', 'queue', 'priority')) <> 3`,
  },
  {
    rule: "no event before its ticket was created, and only assignee rows start from NULL later",
    sql: `
      SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.at < t.created_at OR (e.old_value IS NULL AND e.at > t.created_at AND e.field <> 'assignee')`,
  },
  {
    rule: "event ids grow with at",
    sql: "SELECT count(*) FROM (SELECT at < lag(at) OVER (ORDER BY id) AS back FROM ticket_events) x WHERE back",
  },
  {
    rule: "each change's old value is the field's previous new value, and something changed",
    sql: `
      SELECT count(*) FROM (
        SELECT old_value, new_value, lag(new_value) OVER w AS previous, row_number() OVER w AS n
        FROM ticket_events WINDOW w AS (PARTITION BY ticket_id, field ORDER BY at, id)
      ) x
      WHERE (n > 1 AND (old_value IS DISTINCT FROM previous OR old_value IS NOT DISTINCT FROM new_value))
         OR (n = 1 AND old_value IS NOT NULL)`,
  },
  {
    rule: "a ticket's current columns are the replay of its events",
    sql: `
      WITH last AS (
        SELECT DISTINCT ON (ticket_id, field) ticket_id, field, new_value
        FROM ticket_events ORDER BY ticket_id, field, at DESC, id DESC
      ), replay AS (
        SELECT ticket_id,
          max(new_value) FILTER (WHERE field = 'status') AS status,
          max(new_value) FILTER (WHERE field = 'queue') AS queue_id,
          max(new_value) FILTER (WHERE field = 'priority') AS priority,
          max(new_value) FILTER (WHERE field = 'assignee') AS assignee_id
        FROM last GROUP BY ticket_id
      ), times AS (
        SELECT ticket_id, max(at) AS last_at,
          max(at) FILTER (WHERE field = 'status' AND new_value = 'resolved') AS resolved_at
        FROM ticket_events GROUP BY ticket_id
      ), comments AS (
        SELECT ticket_id, max(created_at) AS last_at FROM ticket_comments GROUP BY ticket_id
      )
      SELECT count(*) FROM tickets t
      LEFT JOIN replay r ON r.ticket_id = t.id
      LEFT JOIN times x ON x.ticket_id = t.id
      LEFT JOIN comments c ON c.ticket_id = t.id
      WHERE t.status IS DISTINCT FROM r.status OR t.queue_id::text IS DISTINCT FROM r.queue_id
         OR t.priority::text IS DISTINCT FROM r.priority OR t.assignee_id::text IS DISTINCT FROM r.assignee_id
         OR t.resolved_at IS DISTINCT FROM x.resolved_at
         OR t.updated_at IS DISTINCT FROM greatest(x.last_at, c.last_at)
         OR (t.merged_into_id IS NOT NULL) <> (t.status = 'merged')`,
  },
  {
    rule: "techs comment and log time only while the ticket is in the queues (new, open, pending, on hold)",
    sql: `
      SELECT count(*) FROM (
        SELECT ticket_id, created_at AS at FROM ticket_comments WHERE author_id IS NOT NULL
        UNION ALL
        SELECT ticket_id, started_at FROM time_entries
      ) a
      WHERE coalesce(${statusBefore("a.ticket_id", "a.at")}, 'none') NOT IN ('new', 'open', 'pending', 'on_hold')`,
  },
  {
    rule: "customers exist before their tickets, tickets before their comments and time",
    sql: `
      SELECT (SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.created_at > t.created_at)
           + (SELECT count(*) FROM ticket_comments m JOIN tickets t ON t.id = m.ticket_id WHERE m.created_at < t.created_at)
           + (SELECT count(*) FROM time_entries m JOIN tickets t ON t.id = m.ticket_id WHERE m.started_at < t.created_at)`,
  },
  {
    rule: "comment credit follows the cruncher: 1.0 public by a tech, 0.5 internal by a tech, 0 by the customer",
    sql: `
      SELECT count(*) FROM ticket_comments
      WHERE credit <> CASE WHEN author_id IS NULL THEN 0 WHEN visibility = 'public' THEN 1.0 ELSE 0.5 END
         OR (author_id IS NULL AND visibility <> 'public')`,
  },
  {
    rule: "certificates: SANs present, hex upper case without separators",
    sql: `
      SELECT count(*) FROM certificates
      WHERE cardinality(sans) = 0 OR serial_hex !~ '^[0-9A-F]+$' OR sha256_fingerprint !~ '^[0-9A-F]{64}$'`,
  },
];
