import "server-only";
import { type RawBuilder, sql } from "kysely";
import { hasAnyName, hasNameLike } from "./names-sql";
import type { LookupTerms } from "./normalize";

/**
 * How a certificate matched, best first. The tens are the four kinds of the
 * definition (1 identifier, 2 name, 3 wildcard, 4 partial), which rank the
 * rows; the units only pick the label when one certificate matches several
 * identifiers at once.
 */
export const MATCH_CODES = {
  tracking: 11,
  order: 12,
  product: 13,
  serial: 14,
  fingerprint: 15,
  name: 20,
  wildcard: 30,
  partial: 40,
} as const;

export type MatchKind = keyof typeof MATCH_CODES;

const KIND_OF_CODE = new Map(Object.entries(MATCH_CODES).map(([kind, code]) => [code as number, kind as MatchKind]));

export function matchOfCode(code: number): MatchKind {
  const kind = KIND_OF_CODE.get(code);
  if (!kind) throw new Error(`unknown match code ${code}`);
  return kind;
}

export interface LookupRow {
  id: number;
  customer: string;
  common_name: string;
  sans: string[];
  status: string;
  vendor: string;
  vendor_order_id: string | null;
  product_no: string;
  serial_hex: string | null;
  not_after: Date | null;
  server_hostname: string | null;
  vhost: string | null;
  ticket_id: number | null;
  code: number;
}

export interface LookupOptions {
  status?: string;
  /** Rows to return; not finite for "all" (an export). */
  limit: number;
}

/**
 * One statement: each way of matching is its own small branch that one index
 * answers (see sql/indexes/helpdesk/cert-lookup.sql), a certificate keeps its
 * best match, and only the rows shown are joined to their details. A branch
 * that cannot match this query (a tracking number that is not digits, a
 * partial match under 3 characters) is left out rather than given a NULL, so
 * the plan never holds a scan that finds nothing slowly.
 */
export function lookupQuery(terms: LookupTerms, options: LookupOptions): RawBuilder<LookupRow> {
  const status = options.status === undefined ? sql`` : sql` AND status = ${options.status}`;
  // Each branch keeps only its own best `limit` (latest expiry first): a certificate outside them has
  // `limit` others of the same kind or better ranked above it, so it cannot be shown. A fragment that
  // matches 25,000 certificates then ranks them once, not after grouping them all with the other kinds.
  const top = (alias: string) =>
    Number.isFinite(options.limit)
      ? sql` ORDER BY ${sql.raw(alias)}not_after DESC NULLS LAST, ${sql.raw(alias)}id DESC LIMIT ${options.limit}`
      : sql``;
  const branch = (code: number, where: RawBuilder<unknown>) =>
    sql`(SELECT id, ${sql.lit(code)} AS code, not_after FROM certificates WHERE ${where}${status}${top("")})`;
  const branches: RawBuilder<unknown>[] = [];
  if (terms.trackingId !== undefined)
    branches.push(branch(MATCH_CODES.tracking, sql`id = ${terms.trackingId}::bigint`));
  branches.push(branch(MATCH_CODES.order, sql`vendor_order_id = ${terms.exact}`));
  branches.push(branch(MATCH_CODES.product, sql`product_no = ${terms.exact}`));
  if (terms.serial !== undefined)
    branches.push(branch(MATCH_CODES.serial, sql`ltrim(serial_hex, '0') = ${terms.serial}`));
  if (terms.hex !== undefined) branches.push(branch(MATCH_CODES.fingerprint, sql`sha256_fingerprint = ${terms.hex}`));
  if (terms.names.length > 0) branches.push(branch(MATCH_CODES.name, hasAnyName(terms.names)));
  if (terms.wildcards.length > 0) branches.push(branch(MATCH_CODES.wildcard, hasAnyName(terms.wildcards)));
  if (terms.namePatterns.length > 0) branches.push(branch(MATCH_CODES.partial, hasNameLike(terms.namePatterns)));
  if (terms.customerPattern !== undefined) {
    branches.push(sql`(SELECT c.id, ${sql.lit(MATCH_CODES.partial)} AS code, c.not_after
      FROM customers cu JOIN certificates c ON c.customer_id = cu.id
      WHERE lower(cu.name) LIKE ${terms.customerPattern}${options.status === undefined ? sql`` : sql` AND c.status = ${options.status}`}${top("c.")})`);
  }
  const limit = Number.isFinite(options.limit) ? sql`LIMIT ${options.limit}` : sql``;
  return sql<LookupRow>`
    WITH hits AS (
      ${sql.join(branches, sql`\n      UNION ALL `)}
    ), best AS (
      SELECT id, min(code) AS code, not_after
      FROM hits
      GROUP BY id, not_after
      ORDER BY min(code) / 10, not_after DESC NULLS LAST, id DESC
      ${limit}
    )
    SELECT c.id, cu.name AS customer, c.common_name, c.sans, c.status, c.vendor, c.vendor_order_id, c.product_no,
           c.serial_hex, c.not_after, c.server_hostname, c.vhost, c.ticket_id, b.code
    FROM best b
    JOIN certificates c ON c.id = b.id
    JOIN customers cu ON cu.id = c.customer_id
    ORDER BY b.code / 10, b.not_after DESC NULLS LAST, b.id DESC`;
}

/**
 * A lookup is a handful of index probes that take a millisecond or two, yet
 * PostgreSQL sometimes plans them with parallel workers, whose start costs 10
 * to 25 ms: more than the whole search. For a lookup's transaction only
 * (Report.settings), workers are ten times dearer to plan, so that only a
 * scan of the whole table (a partial match on a replica without pg_trgm)
 * still gets them.
 */
export const DISCOURAGE_PARALLEL_WORKERS = { parallel_setup_cost: "10000" } as const;
