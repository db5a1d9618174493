-- Indexes for client-profitability's revenue (lib/reports/client-profitability/earning-lines.ts).
-- Create them on the billing primary; they replicate to the standbys. Each
-- statement is safe to run twice; on a busy primary run each one as
-- CREATE INDEX CONCURRENTLY.

-- Lines paying for a service period that overlaps [from, to]:
-- service_to >= from AND service_from <= to. Ranging on service_to reaches
-- every overlapping period however early it started or the invoice was
-- issued (a yearly line issued last spring), and stops short of the history
-- that ended before `from`.
CREATE INDEX IF NOT EXISTS invoice_lines_service_to
  ON invoice_lines (service_to) INCLUDE (invoice_id, service_from)
  WHERE service_to IS NOT NULL;

-- One-off lines earn on their invoice's issue date: invoices issued in [from, to],
-- then their lines by invoice_lines(invoice_id), which the replica already has.
CREATE INDEX IF NOT EXISTS invoices_issued_on ON invoices (issued_on);

-- The one-off lines themselves (no valid service period: a few percent of all
-- lines), for ranges long enough that their invoices are joined by hash: the
-- planner then reads this small index instead of every invoice line a second time.
CREATE INDEX IF NOT EXISTS invoice_lines_one_off
  ON invoice_lines (invoice_id) INCLUDE (id, product_code, amount)
  WHERE NOT (service_from IS NOT NULL AND service_to IS NOT NULL AND service_from <= service_to);

-- The day summary of revenue (lib/reports/client-profitability/query.ts)
-- reads, in the background and for the current day, the period lines that
-- start on some days: by their service_from.
CREATE INDEX IF NOT EXISTS invoice_lines_service_from
  ON invoice_lines (service_from) INCLUDE (invoice_id, service_to)
  WHERE service_to IS NOT NULL;
