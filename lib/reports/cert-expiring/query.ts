import "server-only";
import { type RawBuilder, sql } from "kysely";
import { renewalOf } from "../../sql/helpdesk/cert-renewal";
import type { QueryContext } from "../types";
import type { ExpiringParams } from "./params";

export interface ExpiringRow {
  customer_id: number;
  customer: string;
  customer_expiring: number;
  id: number;
  common_name: string;
  sans: string[];
  status: string;
  vendor: string;
  vendor_order_id: string | null;
  product_no: string;
  not_after: Date;
  server_hostname: string | null;
  vhost: string | null;
  ticket_id: number | null;
  renewal_id: number | null;
  renewal_status: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Issued or installed certificates ending in [now, now + days), grouped by
 * customer: the customer whose first certificate ends soonest comes first,
 * and within a customer the soonest first. Each row names its renewal, if one
 * has started (renewalOf); `renewal` keeps only those without one ("none") or
 * with one ("started").
 *
 * The window is read from the partial index certificates_live_not_after
 * alone (it includes id and customer_id; sql/indexes/helpdesk/cert-lookup.sql):
 * the statuses are literals, not parameters, so the planner can prove the
 * index's predicate. The ranking sorts those narrow rows; only the rows shown
 * are then fetched whole, one primary-key probe each (`OFFSET 0` keeps the
 * planner from swapping the probes for a scan of the whole table).
 *
 * The renewal is probed once per certificate: for the rows shown when the list
 * is not filtered on it; for every certificate in the window when it is, and
 * then carried to the rows shown (the window's `OFFSET 0` keeps the planner
 * from copying the probe into the filter, which would run it twice a row).
 */
export function expiringQuery(
  { now, limit }: Pick<QueryContext, "now" | "limit">,
  days: number,
  renewal?: ExpiringParams["renewal"],
): RawBuilder<ExpiringRow> {
  const end = new Date(now.getTime() + days * DAY_MS);
  const filtered = renewal !== undefined;
  return sql<ExpiringRow>`
    WITH expiring AS (
      SELECT w.id, w.customer_id, w.not_after, w.renewal_id,
             count(*) OVER customer AS customer_expiring, min(w.not_after) OVER customer AS first_not_after
      FROM (
        SELECT c.id, c.customer_id, c.not_after, ${filtered ? renewalOf("c") : sql`NULL::int`} AS renewal_id
        FROM certificates c
        WHERE c.status IN ('issued', 'installed') AND c.not_after >= ${now} AND c.not_after < ${end}
        OFFSET 0
      ) w
      ${filtered ? sql`WHERE w.renewal_id IS ${renewal === "none" ? sql`NULL` : sql`NOT NULL`}` : sql``}
      WINDOW customer AS (PARTITION BY w.customer_id)
    ), shown AS (
      SELECT e.*, cu.name AS customer
      FROM expiring e
      JOIN customers cu ON cu.id = e.customer_id
      ORDER BY e.first_not_after, cu.name, e.customer_id, e.not_after, e.id
      ${Number.isFinite(limit) ? sql`LIMIT ${limit}` : sql``}
    )
    SELECT s.customer_id, s.customer, s.customer_expiring::int AS customer_expiring, s.id, c.common_name, c.sans,
           c.status, c.vendor, c.vendor_order_id, c.product_no, c.not_after, c.server_hostname, c.vhost, c.ticket_id,
           rn.id AS renewal_id, rn.status AS renewal_status
    FROM shown s
    CROSS JOIN LATERAL (SELECT * FROM certificates c WHERE c.id = s.id OFFSET 0) c
    LEFT JOIN certificates rn ON rn.id = ${filtered ? sql`s.renewal_id` : renewalOf("c")}
    ORDER BY s.first_not_after, s.customer, s.customer_id, s.not_after, s.id`;
}
