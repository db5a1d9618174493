import "server-only";
import { type Kysely, sql } from "kysely";
import type { Role } from "../../../auth/roles";
import type { Billing } from "../../../db/types";
import { renewalOf } from "../../../sql/helpdesk/cert-renewal";
import type { QueryContext } from "../../types";
import type { CertificatePageParams } from "./params";

/*
 * The SQL of the certificate page's sub-reports (report.ts). The engine has
 * already checked that the certificate exists (a tracking number nobody has
 * is a 404); every role may see every certificate, as in the lookup.
 */

type Ctx = Pick<QueryContext, "helpdesk" | "billing" | "user">;

/** Every field of the tracking entry, its customer, and the ticket it came in on (null when none is linked). */
export type CertificateRow = {
  id: number;
  customer_id: number;
  customer: string;
  billing_account_no: string | null;
  product_no: string;
  common_name: string;
  sans: string[];
  status: string;
  vendor: string;
  vendor_order_id: string | null;
  serial_hex: string | null;
  sha256_fingerprint: string | null;
  key_type: string;
  requested_at: Date;
  issued_at: Date | null;
  not_before: Date | null;
  not_after: Date | null;
  server_hostname: string | null;
  vhost: string | null;
  updated_at: Date;
  ticket_id: number | null;
  ticket_subject: string | null;
  ticket_status: string | null;
  ticket_created_at: Date | null;
  /** The certificate renewing this one (renewalOf), when a renewal has started. */
  renewal_id: number | null;
  renewal_status: string | null;
};

/** One status change of the certificate's ticket. */
export type StatusChange = {
  id: number;
  at: Date;
  from: string | null;
  to: string | null;
  /** The tech's login; null when the customer or the system changed it. */
  actor: string | null;
};

/** One invoice line of the certificate's order. */
export type BillingLine = {
  line_id: number;
  invoice_number: string;
  issued_on: string;
  invoice_status: string;
  currency: string;
  product: string;
  description: string;
  quantity: string;
  service_from: string | null;
  service_to: string | null;
  /** Exact decimal in the invoice's currency; left out of the SQL for a role that may not see money. */
  amount?: string;
};

/** Money is for managers: leads and techs see which invoices, not how much. */
export const MONEY_ROLES: readonly Role[] = ["manager"];

/** The certificate: one row. */
export async function certificateDetail(ctx: Ctx, p: CertificatePageParams): Promise<CertificateRow[]> {
  return ctx.helpdesk
    .selectFrom("certificates as c")
    .innerJoin("customers as cu", "cu.id", "c.customer_id")
    .leftJoin("tickets as t", "t.id", "c.ticket_id")
    .leftJoin("certificates as rn", (join) => join.on(sql<boolean>`rn.id = ${renewalOf("c")}`))
    .select([
      "c.id",
      "c.customer_id",
      "cu.name as customer",
      "cu.billing_account_no",
      "c.product_no",
      "c.common_name",
      "c.sans",
      "c.status",
      "c.vendor",
      "c.vendor_order_id",
      "c.serial_hex",
      "c.sha256_fingerprint",
      "c.key_type",
      "c.requested_at",
      "c.issued_at",
      "c.not_before",
      "c.not_after",
      "c.server_hostname",
      "c.vhost",
      "c.updated_at",
      "t.id as ticket_id",
      "t.subject as ticket_subject",
      "t.status as ticket_status",
      "t.created_at as ticket_created_at",
      "rn.id as renewal_id",
      "rn.status as renewal_status",
    ])
    .where("c.id", "=", p.id)
    .execute();
}

/** The status changes of the certificate's ticket, oldest first; served by ticket_events(ticket_id, at). */
export async function certificateTicketHistory(ctx: Ctx, p: CertificatePageParams): Promise<StatusChange[]> {
  return ctx.helpdesk
    .selectFrom("certificates as c")
    .innerJoin("ticket_events as e", "e.ticket_id", "c.ticket_id")
    .leftJoin("techs as a", "a.id", "e.actor_id")
    .select(["e.id", "e.at", "e.old_value as from", "e.new_value as to", "a.login as actor"])
    .where("c.id", "=", p.id)
    .where("e.field", "=", "status")
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}

/**
 * The invoice lines of the certificate's order (invoice_lines.product_no is
 * the certificate's product_no), oldest invoice first, whatever the
 * invoice's status: a draft renewal or a voided order is part of the story.
 */
export async function certificateBilling(ctx: Ctx, p: CertificatePageParams): Promise<BillingLine[]> {
  const cert = await ctx.helpdesk
    .selectFrom("certificates")
    .select("product_no")
    .where("id", "=", p.id)
    .executeTakeFirst();
  if (!cert) return [];
  const withAmounts = MONEY_ROLES.includes(ctx.user.role);
  return billingLinesQuery(ctx.billing, cert.product_no, { withAmounts }).execute();
}

/** Served by invoice_lines(product_no) (sql/indexes/billing/cert-lookup.sql). Amounts are read only when shown. */
export function billingLinesQuery(db: Kysely<Billing>, productNo: string, options: { withAmounts: boolean }) {
  return db
    .selectFrom("invoice_lines as l")
    .innerJoin("invoices as i", "i.id", "l.invoice_id")
    .innerJoin("products as p", "p.code", "l.product_code")
    .select([
      "l.id as line_id",
      "i.number as invoice_number",
      "i.issued_on",
      "i.status as invoice_status",
      "i.currency",
      "p.name as product",
      "l.description",
      "l.quantity",
      "l.service_from",
      "l.service_to",
    ])
    .$if(options.withAmounts, (qb) => qb.select("l.amount"))
    .where("l.product_no", "=", productNo)
    .orderBy("i.issued_on")
    .orderBy("i.number")
    .orderBy("l.id");
}
