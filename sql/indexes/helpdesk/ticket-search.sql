-- Indexes for the full-text ticket search (ticket-search). Create them on the
-- helpdesk primary; they replicate to the standbys. Each statement is safe to
-- run twice; on a busy primary run each one as CREATE INDEX CONCURRENTLY (on
-- twelve million comments it takes minutes and the index is about a third of
-- the comments' size).
--
-- Why: a search over all history matches a few rows among millions; without
-- an index every comment's text is parsed on every search (minutes). A GIN
-- index on the comments' (and subjects') tsvector finds the matching rows
-- from the words' posting lists. The expressions must stay exactly those of
-- lib/sql/helpdesk/text-search.ts (the 'english' configuration, the
-- column as is), or the planner cannot use them; the names are how the report
-- finds out that they exist (without them it reads Lookback's own copy of
-- the index, lib/search/index.ts).
--
-- 'english': stemming finds "restarting" for "restart" and "certificates" for
-- "certificate", and stop words ("the", "is") do not bloat the index; host
-- names, e-mail addresses and numbers stay whole tokens, as with 'simple'.
CREATE INDEX IF NOT EXISTS ticket_comments_body_search ON ticket_comments USING gin (to_tsvector('english'::regconfig, body));
CREATE INDEX IF NOT EXISTS tickets_subject_search ON tickets USING gin (to_tsvector('english'::regconfig, subject));
