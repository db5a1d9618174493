-- Indexes for the queue reports (queue-time-travel, queue-depth, queue-changes).
-- Create these on the helpdesk primary; they replicate to the hot standbys.
-- How they are used: lib/reports/queue-time-travel/as-of.ts.
--
-- They serve the replica path only: with a database of Lookback's own
-- (LOOKBACK_DATABASE_URL), the queue reports answer from its history index
-- (lib/history) and read the replica through indexes it already has (primary
-- keys, ticket_events (ticket_id, at)). Create these if you run Lookback
-- without one, or want its first minutes after a start (while the index is
-- built) to be fast too.

-- The young tickets at T: those created in the 30 days before T (ticketIdRange).
-- The smallest and greatest id among them come from the index alone.
CREATE INDEX IF NOT EXISTS tickets_created_at_id
  ON tickets (created_at) INCLUDE (id);

-- The status in force at T of every ticket in that id range: the index read in
-- its own order, so "each ticket's latest status event at or before T" is a
-- streaming DISTINCT ON, with no sort and no visit to the table (inQueuesAt);
-- and the same lookup for one older ticket at a time. Partial: status events
-- only, a third of the history.
CREATE INDEX IF NOT EXISTS ticket_events_status_by_ticket
  ON ticket_events (ticket_id, at DESC, id DESC) INCLUDE (new_value)
  WHERE field = 'status';

-- The older tickets that may be in the queues at T (inQueuesAt): a ticket in
-- the queues at T was updated after T or is in the queues still, so T lies in
-- [created_at, updated_at], open-ended while its status is a queue status.
-- GiST answers "which ranges hold T" in time that follows the answer, not the
-- table. The expression must stay exactly as the query writes it.
CREATE INDEX IF NOT EXISTS tickets_alive
  ON tickets USING gist (tstzrange(created_at, CASE WHEN status IN ('new', 'open', 'pending', 'on_hold') THEN NULL
                   ELSE greatest(created_at, updated_at) END, '[]')) INCLUDE (id);

-- Queue, assignee and priority of one ticket at T (fieldsAt: one descent per
-- ticket, the first event per field in index order), and single-field lookups
-- at the two ends of queue-changes and at the start of a queue-depth span
-- (fieldAt).
CREATE INDEX IF NOT EXISTS ticket_events_ticket_field_at_id
  ON ticket_events (ticket_id, field, at DESC, id DESC) INCLUDE (new_value);

-- The status and queue changes inside a queue-depth span, by time: a range
-- scan answered from the index alone, costing the events in the span only.
CREATE INDEX IF NOT EXISTS ticket_events_status_queue_at
  ON ticket_events (at) INCLUDE (ticket_id, id, field, new_value)
  WHERE field IN ('status', 'queue');
