-- Indexes for the certificate lookup (cert-lookup), the certificate page
-- (/certs/{id}) and the expiring-soon list (cert-expiring). Create them on the
-- helpdesk primary; they replicate to the standbys. Each statement is safe to
-- run twice; on a busy primary run each one as CREATE INDEX CONCURRENTLY.
--
-- The name expressions must stay exactly those of
-- lib/reports/cert-lookup/names-sql.ts, or the planner cannot use them
-- (lib/reports/cert-lookup/indexes.test.ts checks every plan). They use only
-- immutable built-in functions: a replica lets us create none of our own.
-- Tracking numbers (C-123) need nothing: they are the primary key.

-- Lookup by order number: vendor_order_id = q.
CREATE INDEX IF NOT EXISTS certificates_vendor_order_id ON certificates (vendor_order_id);

-- Lookup by product number: product_no = q.
CREATE INDEX IF NOT EXISTS certificates_product_no ON certificates (product_no);

-- Lookup by serial, leading zeros ignored on both sides: ltrim(serial_hex, '0') = q without them.
CREATE INDEX IF NOT EXISTS certificates_serial_hex_unpadded ON certificates (ltrim(serial_hex, '0'));

-- Lookup by fingerprint: sha256_fingerprint = q.
CREATE INDEX IF NOT EXISTS certificates_sha256_fingerprint ON certificates (sha256_fingerprint);

-- Lookup by name and by wildcard: a jsonb object whose keys are the common
-- name and every SAN, lower case, trailing dots removed; `?|` finds a
-- certificate holding any of the query's spellings (or the wildcard that
-- covers it) in one GIN lookup, however the customer typed the name.
CREATE INDEX IF NOT EXISTS certificates_names ON certificates USING gin ((
  regexp_replace(
    lower(json_object(
      array_remove(array_prepend(common_name, sans), NULL),
      array_fill(''::text, ARRAY[cardinality(array_remove(array_prepend(common_name, sans), NULL))])
    )::text),
    '\.+"', '"', 'g'
  )::jsonb
));

-- Expiring soon (cert-expiring): issued or installed certificates by
-- not_after, a range scan over the next N days that skips every expired,
-- revoked or pending one, and answers the ranking from the index alone.
CREATE INDEX IF NOT EXISTS certificates_live_not_after ON certificates (not_after) INCLUDE (customer_id, id)
  WHERE status IN ('issued', 'installed');

-- A certificate's renewal (lib/sql/helpdesk/cert-renewal.ts): the customer's
-- certificates for the same common name, in any case and without a trailing
-- dot, one probe each. The expiring list names the renewal of every row (10,000
-- rows at scale 36: 110 ms with this index, 280 ms through certificates(customer_id)
-- alone, 52 ms without renewals) and can leave out those being renewed.
CREATE INDEX IF NOT EXISTS certificates_customer_name ON certificates (customer_id, lower(rtrim(common_name, '.')));

-- The latest-expiring certificates first, the lookup's order within a kind of
-- match: a fragment that most names hold ("com") is answered by reading
-- certificates in this order until a page of matches is found, instead of
-- ranking all of them (0.8 s for 500,000). The planner picks it when a
-- fragment is common; a rare one still goes through the trigram index below.
CREATE INDEX IF NOT EXISTS certificates_latest ON certificates (not_after DESC NULLS LAST, id DESC);

-- Partial matches (3 characters or more) on names and customer names:
-- trigram indexes, when the pg_trgm extension (contrib) is available. Without
-- them the lookup still works: partial matches then scan the certificates
-- table (about 0.4 s for 500,000 certificates).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS certificates_names_trgm ON certificates USING gin ((
      lower(json_object(
        array_remove(array_prepend(common_name, sans), NULL),
        array_fill(''::text, ARRAY[cardinality(array_remove(array_prepend(common_name, sans), NULL))])
      )::text)
    ) gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops);
  ELSE
    RAISE NOTICE 'pg_trgm is not installed here: partial certificate matches will scan the table';
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'not allowed to create pg_trgm here: partial certificate matches will scan the table';
END
$$;
