import "server-only";
import type { Kysely } from "kysely";
import { readOnly } from "../../../db/read-only";
import type { Billing } from "../../../db/types";

export interface BillingLine {
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
  /** Exact decimal in the invoice's currency; absent when the viewer may not see money. */
  amount?: string;
}

/**
 * The invoice lines of one certificate order (invoice_lines.product_no is the
 * certificate's product_no), oldest invoice first, whatever the invoice's
 * status: a draft renewal or a voided order is part of the story. Amounts are
 * read only when they will be shown.
 */
export function getBillingLines(productNo: string, options: { withAmounts: boolean }): Promise<BillingLine[]> {
  return readOnly<Billing, BillingLine[]>("billing", { label: "cert-page" }, ({ db }) =>
    billingLinesQuery(db, productNo, options).execute(),
  );
}

/** Served by invoice_lines(product_no) (sql/indexes/billing/cert-lookup.sql). */
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
