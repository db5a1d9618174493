import { certificateHref, daysLeft, expiryClass, trackingOf } from "../../ui/certificate-expiry";
import { defineReport, type QueryContext } from "../types";
import { normalizeQuery } from "./normalize";
import { type LookupParams, lookupParams } from "./params";
import { DISCOURAGE_PARALLEL_WORKERS, type LookupRow, lookupQuery, type MatchKind, matchOfCode } from "./query";
import { LookupView } from "./View";

export type LookupResultRow = {
  id: number;
  tracking: string;
  customer: string;
  common_name: string;
  sans: string[];
  status: string;
  vendor: string;
  vendor_order_id: string | null;
  product_no: string;
  serial_hex: string | null;
  not_after: Date | null;
  days_left: number | null;
  server_hostname: string | null;
  vhost: string | null;
  ticket_id: number | null;
  match: MatchKind;
};

async function lookup(ctx: QueryContext, params: LookupParams): Promise<LookupResultRow[]> {
  const query = lookupQuery(normalizeQuery(params.q), { status: params.status, limit: ctx.limit });
  const { rows } = await query.execute(ctx.helpdesk);
  return rows.map((row) => toResultRow(row, ctx.now));
}

function toResultRow({ code, ...row }: LookupRow, now: Date): LookupResultRow {
  return {
    id: row.id,
    tracking: trackingOf(row.id),
    customer: row.customer,
    common_name: row.common_name,
    sans: row.sans,
    status: row.status,
    vendor: row.vendor,
    vendor_order_id: row.vendor_order_id,
    product_no: row.product_no,
    serial_hex: row.serial_hex,
    not_after: row.not_after,
    days_left: daysLeft(row.not_after, now),
    server_hostname: row.server_hostname,
    vhost: row.vhost,
    ticket_id: row.ticket_id,
    match: matchOfCode(code),
  };
}

export const certLookup = defineReport({
  id: "cert-lookup",
  title: "Certificate lookup",
  description:
    "Finds a certificate's tracking entry from anything a person has. A certificate matches when the query is " +
    "(1) its tracking number (C-123 or 123), vendor order id or product number (exactly as typed, trimmed), its serial " +
    "(hex in any case, colons and spaces ignored, leading zeros ignored on both sides) or SHA-256 fingerprint; " +
    "(2) its common name or one of its SANs, compared in lower case without a trailing dot, internationalized names in " +
    "punycode; (3) covered by one of its wildcard names (*.example.com covers www.example.com, not example.com nor " +
    "a.b.example.com); or (4) part of a name or of its customer's name, in any case (3 characters or more: shorter " +
    "queries find only the exact kinds 1 to 3). Each certificate appears once with its best match, ranked by kind, " +
    "then latest expiry first (none last), then newest. Days left are whole days from now to not_after, rounded down " +
    "(negative once expired): red when expired, amber when under 30.",
  audience: "techs",
  page: "/certs",
  roles: ["manager", "lead", "tech"],
  params: lookupParams,
  sources: ["helpdesk"],
  // Milliseconds on its indexes: never queued behind other reports for a connection.
  lookup: true,
  // A lookup, not a listing: a fragment such as "silver" matches 25,000 certificates, and ranking and
  // sending them all took 0.3-1.8 s alone (the lookups' lane is for answers in milliseconds). The best
  // matches by kind and expiry are shown, the page says there are more, and the CSV export has them all.
  rowCap: 1_000,
  settings: DISCOURAGE_PARALLEL_WORKERS,
  // In the definition's order (the CSV's header); the table hides what a tech rarely needs.
  drill: (row, params) => certificateHref(row.id, params.q),
  columns: [
    { key: "id", label: "Id", type: "integer", hidden: true },
    // Linked by `drill` below, which knows the search: the certificate's page leads back to it.
    { key: "tracking", label: "Tracking", type: "link" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "common_name", label: "Common name", type: "text" },
    { key: "sans", label: "SANs", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "vendor", label: "Vendor", type: "text" },
    { key: "vendor_order_id", label: "Order", type: "text" },
    { key: "product_no", label: "Product no.", type: "text" },
    { key: "serial_hex", label: "Serial", type: "text", hidden: true },
    { key: "not_after", label: "Expires", type: "instant" },
    {
      key: "days_left",
      label: "Days left",
      type: "integer",
      description: "Whole days to expiry, negative once expired",
    },
    { key: "server_hostname", label: "Server", type: "text" },
    { key: "vhost", label: "Vhost", type: "text", hidden: true },
    // A ticket number reads without thousands separators.
    { key: "ticket_id", label: "Ticket", type: "text" },
    { key: "match", label: "Match", type: "text", description: "How the query matched: the rows are ranked by it" },
  ],
  cellClasses: (row) => {
    const days = expiryClass(row.days_left);
    return days ? { days_left: days } : undefined;
  },
  query: lookup,
  View: LookupView,
  viewSaysEmpty: true,
});
