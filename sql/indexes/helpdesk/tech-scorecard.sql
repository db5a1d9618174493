-- Indexes for tech-scorecard and its one-tech page (/techs/{login}).
-- Create them on the helpdesk primary; they replicate to the hot standbys.
-- Each statement is safe to run twice; on a busy primary run each one as
-- CREATE INDEX CONCURRENTLY.

-- A tech's acts in a range, one index per kind of act (lib/reports/
-- tech-scorecard/acts.ts, actsOf): the scorecard reads each tech's comments,
-- field changes and time entries as three range scans on (tech, instant),
-- answered from the index alone (everything the pass needs is included), so
-- its cost follows the acts in the range, not the history; for many techs,
-- the same scans with the techs' ids as one array, merged in tech order, one
-- slice of techs per parallel worker (stats.ts, statsInParallel). The same
-- indexes answer the bare-note probes (bare-notes.ts: "did this tech touch
-- this ticket within 30 minutes of the note?") and the one-tech page.
CREATE INDEX IF NOT EXISTS ticket_comments_author_created
  ON ticket_comments (author_id, created_at) INCLUDE (ticket_id, visibility, credit);
CREATE INDEX IF NOT EXISTS ticket_events_actor_at
  ON ticket_events (actor_id, at) INCLUDE (ticket_id, field, new_value);
CREATE INDEX IF NOT EXISTS time_entries_tech_started
  ON time_entries (tech_id, started_at) INCLUDE (ticket_id, minutes);

-- A tech's internal notes in a range (lib/reports/tech-scorecard/stats.ts,
-- statsInParallel): for many techs the leader process counts each tech's bare
-- notes by walking their notes alone, without the public replies around them
-- (at scale 10, reading the replies too was 100 of the 800 ms of CPU the bare
-- notes take, on the statement's critical path). Partial: notes only; the
-- predicate must stay as the query writes it (IS DISTINCT FROM: a comment
-- without a visibility is a note, as everywhere in the report).
CREATE INDEX IF NOT EXISTS ticket_comments_author_notes
  ON ticket_comments (author_id, created_at) INCLUDE (ticket_id)
  WHERE visibility IS DISTINCT FROM 'public';

-- A ticket's public replies by techs in (created_at, id) order
-- (first-replies.ts): its first reply is the first entry, one descent per
-- ticket created in the range; the "no earlier reply" check of the one-tech
-- path and the bare-note probe for public replies use it too. Partial: the
-- customers' comments and the internal notes are left out.
CREATE INDEX IF NOT EXISTS ticket_comments_first_reply
  ON ticket_comments (ticket_id, created_at, id) INCLUDE (author_id)
  WHERE visibility = 'public' AND author_id IS NOT NULL;

-- The tickets created in the range, for the first replies of every tech
-- (first-replies.ts). Same definition and name as queue-time-travel's.
CREATE INDEX IF NOT EXISTS tickets_created_at_id
  ON tickets (created_at) INCLUDE (id);

-- The reopens in a range (reopened.ts, every-tech path): status events that
-- left `resolved` for an open status, a small share of the history, found by
-- time. The predicate must stay as the query writes it.
CREATE INDEX IF NOT EXISTS ticket_events_reopens
  ON ticket_events (at) INCLUDE (ticket_id, id)
  WHERE field = 'status' AND old_value = 'resolved' AND new_value IN ('new', 'open', 'pending', 'on_hold');

-- A ticket's status history in (at, id) order (reopened.ts): the status event
-- just before a reopen, or just after a resolve, in one index-only descent,
-- with who made it. Partial: status events only.
CREATE INDEX IF NOT EXISTS ticket_events_status_history
  ON ticket_events (ticket_id, at, id) INCLUDE (new_value, actor_id)
  WHERE field = 'status';
