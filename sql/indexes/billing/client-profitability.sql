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
