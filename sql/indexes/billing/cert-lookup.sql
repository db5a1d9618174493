-- Index for the certificate page (/certs/{id}): the billing lines of one
-- certificate order, invoice_lines.product_no = the certificate's product_no.
-- Create it on the billing primary; it replicates to the standbys.
CREATE INDEX IF NOT EXISTS invoice_lines_product_no ON invoice_lines (product_no);
