import "server-only";
import { type RawBuilder, sql } from "kysely";

/**
 * The id of the certificate renewing the certificate a query calls `alias`:
 * the same customer's latest certificate for the same common name (any case,
 * trailing dots ignored), requested after it, on its way or live (requested
 * to installed: not cancelled, revoked or expired), and ending after it does
 * (or with no end yet: not issued). A reissue that keeps the end date renews
 * nothing: the name still expires then. NULL when nobody has started a renewal. One probe of the recommended
 * index certificates_customer_name (sql/indexes/helpdesk/cert-lookup.sql),
 * whose expression this must keep character for character. The expiring list
 * filters and shows it; the certificate page shows it.
 */
export function renewalOf(alias: string): RawBuilder<number | null> {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<number | null>`(
    SELECT r.id FROM certificates r
    WHERE r.customer_id = ${ref("customer_id")} AND r.id <> ${ref("id")}
      AND lower(rtrim(r.common_name, '.')) = lower(rtrim(${ref("common_name")}, '.'))
      AND r.requested_at > ${ref("requested_at")}
      AND r.status IN ('requested', 'csr_created', 'submitted', 'validating', 'issued', 'installed')
      AND (r.not_after IS NULL OR r.not_after > ${ref("not_after")})
    ORDER BY r.requested_at DESC, r.id DESC
    LIMIT 1)`;
}
