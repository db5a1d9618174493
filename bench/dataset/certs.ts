import { withClient } from "../../lib/db/setup";
import { certificateCount } from "./counts";

/**
 * Tops the helpdesk database up to `target` certificates for the cert-lookup
 * target (500k), far more than the demo makes at any scale we can generate
 * here. Set-based: each new certificate is a copy of one of the demo's own
 * (same customer, vendor, status mix, dates, key types), made distinct the
 * way real renewals across domains are: a number in the registrable label
 * (`www.acme.com` → `www.acme-123457.com`, wildcards stay wildcards), its own
 * serial, fingerprint, order and product number. Returns the count after.
 */
export async function topUpCertificates(helpdeskUrl: string, target: number, demoCertificates: number) {
  const before = await certificateCount(helpdeskUrl);
  if (before >= target) return { before, after: before, seconds: 0 };
  const started = performance.now();
  await withClient(helpdeskUrl, async (c) => {
    await c.query("BEGIN");
    await c.query(TOP_UP_SQL, [target - before, demoCertificates]);
    await c.query("COMMIT");
    await c.query("VACUUM (ANALYZE) certificates");
  });
  return { before, after: await certificateCount(helpdeskUrl), seconds: (performance.now() - started) / 1000 };
}

/** $1: how many to add; $2: how many demo certificates to copy from (ids 1..$2, as the demo numbers them). */
const TOP_UP_SQL = `
  WITH base AS (
    SELECT c.*, row_number() OVER (ORDER BY c.id) AS rn FROM certificates c WHERE c.id <= $2
  ), start AS (
    SELECT max(id) AS max_id, (SELECT count(*) FROM base) AS n FROM certificates
  ), copies AS (
    SELECT s.max_id + g AS new_id, b.*
    FROM start s, generate_series(1, $1::int) g
    JOIN base b ON b.rn = 1 + (g - 1) % (SELECT n FROM start)
  )
  INSERT INTO certificates (id, customer_id, product_no, ticket_id, common_name, sans, status, vendor, vendor_order_id,
    serial_hex, sha256_fingerprint, key_type, requested_at, issued_at, not_before, not_after, server_hostname, vhost,
    updated_at)
  SELECT new_id, customer_id,
    'SSL-' || to_char(requested_at, 'YYYY') || '-' || lpad(new_id::text, 7, '0'),
    NULL,
    regexp_replace(common_name, '([^.]+)(\\.[^.]+\\.?)$', '\\1-' || new_id || '\\2'),
    ARRAY(SELECT regexp_replace(san, '([^.]+)(\\.[^.]+\\.?)$', '\\1-' || new_id || '\\2') FROM unnest(sans) AS san),
    status, vendor,
    CASE WHEN vendor_order_id IS NOT NULL THEN 'B' || new_id END,
    CASE WHEN serial_hex IS NOT NULL THEN upper(md5('bench-serial:' || new_id)) END,
    CASE WHEN sha256_fingerprint IS NOT NULL
         THEN upper(encode(sha256(convert_to('bench-fp:' || new_id, 'UTF8')), 'hex')) END,
    key_type, requested_at, issued_at, not_before, not_after, server_hostname,
    CASE WHEN vhost IS NOT NULL THEN regexp_replace(vhost, '([^.]+)(\\.[^.]+)$', '\\1-' || new_id || '\\2') END,
    updated_at
  FROM copies
`;
