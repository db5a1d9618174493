import { certificateHref, EXPIRING_DAYS, expiryClass, trackingOf, wholeDaysUntil } from "../../ui/certificate-expiry";
import { defineReport } from "../types";
import { type ExpiringParams, expiringParams } from "./params";
import { type ExpiringRow, expiringQuery } from "./query";
import { ExpiringView } from "./View";

export type ExpiringResultRow = {
  customer: string;
  customer_expiring: number;
  id: number;
  tracking: string;
  common_name: string;
  sans: string[];
  status: string;
  vendor: string;
  vendor_order_id: string | null;
  product_no: string;
  not_after: Date;
  days_left: number;
  server_hostname: string | null;
  vhost: string | null;
  ticket_id: number | null;
  renewal: string | null;
  renewal_status: string | null;
  renewal_id: number | null;
  customer_id: number;
};

function toResultRow(row: ExpiringRow, now: Date): ExpiringResultRow {
  return {
    customer: row.customer,
    customer_expiring: row.customer_expiring,
    id: row.id,
    tracking: trackingOf(row.id),
    common_name: row.common_name,
    sans: row.sans,
    status: row.status,
    vendor: row.vendor,
    vendor_order_id: row.vendor_order_id,
    product_no: row.product_no,
    not_after: row.not_after,
    days_left: wholeDaysUntil(row.not_after, now),
    server_hostname: row.server_hostname,
    vhost: row.vhost,
    ticket_id: row.ticket_id,
    renewal: row.renewal_id === null ? null : trackingOf(row.renewal_id),
    renewal_status: row.renewal_status,
    renewal_id: row.renewal_id,
    customer_id: row.customer_id,
  };
}

export const certExpiring = defineReport({
  id: "cert-expiring",
  title: "Certificates expiring soon",
  description:
    `Issued or installed certificates whose not_after falls within the next N days (default ${EXPIRING_DAYS}): ` +
    "from now (included) to now + N × 24 hours (excluded). Certificates that are requested, expired, revoked or " +
    "cancelled are left out. Grouped by customer, the customer whose first certificate ends soonest first, so one " +
    "call covers all of a customer's renewals; within a customer, the soonest first. Days left are whole days to " +
    "not_after, rounded down. A certificate's renewal is the same customer's latest certificate for the same common " +
    "name (any case, trailing dot ignored) requested after it, requested to installed (not cancelled, revoked or " +
    "expired) and ending after it, or not issued yet (a reissue with the same end renews nothing); `Renewal` keeps only certificates whose renewal has not started, or only " +
    "those whose renewal has.",
  audience: "techs",
  roles: ["manager", "lead", "tech"],
  params: expiringParams,
  sources: ["helpdesk"],
  columns: [
    { key: "customer", label: "Customer", type: "text" },
    {
      key: "customer_expiring",
      label: "Customer's expiring",
      type: "integer",
      description: "How many of this customer's certificates expire in the window",
    },
    { key: "tracking", label: "Tracking", type: "link", href: (row) => certificateHref(row.id) },
    { key: "common_name", label: "Common name", type: "text" },
    { key: "sans", label: "SANs", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "not_after", label: "Expires", type: "instant" },
    { key: "days_left", label: "Days left", type: "integer", description: "Whole days to expiry, rounded down" },
    { key: "vendor", label: "Vendor", type: "text" },
    { key: "vendor_order_id", label: "Order", type: "text" },
    { key: "product_no", label: "Product no.", type: "text" },
    { key: "server_hostname", label: "Server", type: "text" },
    { key: "vhost", label: "Vhost", type: "text", hidden: true },
    // A ticket number reads without thousands separators.
    { key: "ticket_id", label: "Ticket", type: "text" },
    {
      key: "renewal",
      label: "Renewal",
      type: "link",
      href: (row) => (row.renewal_id === null ? null : certificateHref(row.renewal_id)),
      description: "The certificate renewing this one, if a renewal has started",
    },
    { key: "renewal_status", label: "Renewal status", type: "text" },
    { key: "id", label: "Id", type: "integer", hidden: true },
    { key: "renewal_id", label: "Renewal id", type: "integer", hidden: true },
    { key: "customer_id", label: "Customer id", type: "integer", hidden: true },
  ],
  cellClasses: (row) => {
    const tone = expiryClass(row.days_left);
    return tone ? { days_left: tone } : undefined;
  },
  async query(ctx, p: ExpiringParams) {
    const { rows } = await expiringQuery(ctx, p.days, p.renewal).execute(ctx.helpdesk);
    return rows.map((row) => toResultRow(row, ctx.now));
  },
  View: ExpiringView,
});
