import { type Column, defineReport } from "../../types";
import { certLookup } from "../report";
import { certificatePageParams } from "./params";
import {
  type BillingLine,
  type CertificateRow,
  certificateBilling,
  certificateDetail,
  certificateTicketHistory,
  MONEY_ROLES,
  type StatusChange,
} from "./query";

/*
 * The certificate page (/certs/{id}) as sub-reports of cert-lookup, one per
 * part, each through the engine: the role check, the lane, the cache, View
 * SQL, the audit line, the JSON/CSV API. The same roles as the lookup; the
 * certificate in the path must exist, else 404 before anything streams.
 */
const common = {
  parent: certLookup.id,
  audience: certLookup.audience,
  roles: certLookup.roles,
  params: certificatePageParams,
  // One certificate by its key: a lookup, never queued behind other reports.
  lookup: true,
} as const;

/** The certificate; the page waits for it, so an unknown tracking number is a 404. */
export const certificateReport = defineReport({
  ...common,
  id: "certificate",
  title: "Certificate",
  description: "Every field of the certificate's tracking entry, its customer, and the ticket it came in on.",
  sources: ["helpdesk"],
  columns: [
    { key: "id", label: "Tracking number", type: "integer" },
    { key: "customer_id", label: "Customer id", type: "integer" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "billing_account_no", label: "Billing account", type: "text" },
    { key: "product_no", label: "Product number", type: "text" },
    { key: "common_name", label: "Common name", type: "text" },
    { key: "sans", label: "Subject alternative names", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "vendor", label: "Vendor", type: "text" },
    { key: "vendor_order_id", label: "Vendor order", type: "text" },
    { key: "serial_hex", label: "Serial", type: "text" },
    { key: "sha256_fingerprint", label: "SHA-256 fingerprint", type: "text" },
    { key: "key_type", label: "Key type", type: "text" },
    { key: "requested_at", label: "Requested", type: "instant" },
    { key: "issued_at", label: "Issued", type: "instant" },
    { key: "not_before", label: "Valid from", type: "instant" },
    { key: "not_after", label: "Expires", type: "instant" },
    { key: "server_hostname", label: "Server", type: "text" },
    { key: "vhost", label: "Virtual host", type: "text" },
    { key: "updated_at", label: "Last updated", type: "instant" },
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "ticket_subject", label: "Ticket subject", type: "text" },
    { key: "ticket_status", label: "Ticket status", type: "text" },
    { key: "ticket_created_at", label: "Ticket opened", type: "instant" },
  ] satisfies Column<CertificateRow>[],
  query: certificateDetail,
});

export const certificateHistoryReport = defineReport({
  ...common,
  id: "certificate-history",
  title: "Status history of the certificate's ticket",
  description: "The status changes of the ticket the certificate came in on, oldest first, and who made each.",
  sources: ["helpdesk"],
  columns: [
    { key: "id", label: "Event", type: "integer", hidden: true },
    { key: "at", label: "When", type: "instant" },
    { key: "from", label: "From", type: "text" },
    { key: "to", label: "To", type: "text" },
    { key: "actor", label: "By", type: "text" },
  ] satisfies Column<StatusChange>[],
  query: certificateTicketHistory,
});

export const certificateBillingReport = defineReport({
  ...common,
  id: "certificate-billing",
  title: "Billing lines of the certificate's order",
  description:
    "The invoice lines carrying the certificate's product number, oldest invoice first, whatever the invoice's status. " +
    "Amounts (in each invoice's currency) are shown to managers only.",
  sources: ["helpdesk", "billing"],
  columns: [
    { key: "line_id", label: "Line", type: "integer", hidden: true },
    { key: "invoice_number", label: "Invoice", type: "text" },
    { key: "issued_on", label: "Issued", type: "date" },
    { key: "invoice_status", label: "Invoice status", type: "text" },
    { key: "currency", label: "Currency", type: "text" },
    { key: "product", label: "Product", type: "text" },
    { key: "description", label: "Description", type: "text" },
    { key: "quantity", label: "Quantity", type: "decimal" },
    { key: "service_from", label: "Service from", type: "date" },
    { key: "service_to", label: "Service to", type: "date" },
    { key: "amount", label: "Amount", type: "decimal", roles: MONEY_ROLES },
  ] satisfies Column<BillingLine>[],
  query: certificateBilling,
});

/** The certificate page's sub-reports, for the registry. */
export const certificatePageReports = [certificateReport, certificateHistoryReport, certificateBillingReport] as const;
