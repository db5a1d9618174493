-- Indexes for client-profitability and its drill-down (/clients/{client}).
-- Create them on the helpdesk primary; they replicate to the standbys. Each
-- statement is safe to run twice; on a busy primary run each one as
-- CREATE INDEX CONCURRENTLY.

-- Labor in a range (lib/reports/client-profitability/costed-entries.ts):
-- every time entry whose started_at is in [from, to + 1). Without it the
-- report reads the whole table for one year of it; with it, an index-only
-- scan of the range (ticket, tech and minutes are all the query needs).
CREATE INDEX IF NOT EXISTS time_entries_started_at_cover
  ON time_entries (started_at) INCLUDE (ticket_id, tech_id, minutes);

-- Labor of every client (labor.ts): a range's entries in ticket order, so
-- they merge with tickets (below) in id order and are summed per ticket as
-- they come, with no hash of a million tickets; index-only for the same
-- reason as the index above, which still finds the entries of the few
-- tickets outside the span read this way.
CREATE INDEX IF NOT EXISTS time_entries_ticket_started
  ON time_entries (ticket_id, started_at) INCLUDE (tech_id, minutes);

-- From a ticket with time in the range to its customer (labor.ts: per-ticket
-- sums meet `tickets` by id): an index-only scan in id order instead of visits
-- to the wide tickets rows. A million tickets for a year of a large shop.
CREATE UNIQUE INDEX IF NOT EXISTS tickets_id_customer_id
  ON tickets (id) INCLUDE (customer_id);

-- The drill-down of one billing account (client-customers.ts): its helpdesk
-- customers, found by billing_account_no; also customersOnAccounts in names.ts.
CREATE INDEX IF NOT EXISTS customers_billing_account_no
  ON customers (billing_account_no) WHERE billing_account_no IS NOT NULL;
