import "server-only";
import type { Kysely } from "kysely";
import { readOnly } from "../../../db/read-only";
import type { Helpdesk } from "../../../db/types";

export interface Certificate {
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
  ticket: LinkedTicket | null;
}

export interface LinkedTicket {
  id: number;
  subject: string;
  status: string;
  created_at: Date;
  /** The ticket's status changes, oldest first: its history as the helpdesk recorded it. */
  history: StatusChange[];
}

export interface StatusChange {
  id: number;
  at: Date;
  from: string | null;
  to: string | null;
  /** The tech's login; null when the customer or the system changed it. */
  actor: string | null;
}

/**
 * Everything the helpdesk knows about one certificate, its customer and its
 * ticket, read in one snapshot. Undefined when there is no such certificate.
 */
export function getCertificate(id: number): Promise<Certificate | undefined> {
  return readOnly<Helpdesk, Certificate | undefined>(
    "helpdesk",
    { label: "cert-page", repeatable: true },
    async ({ db }) => {
      const row = await db
        .selectFrom("certificates as c")
        .innerJoin("customers as cu", "cu.id", "c.customer_id")
        .leftJoin("tickets as t", "t.id", "c.ticket_id")
        .selectAll("c")
        .select([
          "cu.name as customer",
          "cu.billing_account_no",
          "t.subject as ticket_subject",
          "t.status as ticket_status",
          "t.created_at as ticket_created_at",
        ])
        .where("c.id", "=", id)
        .executeTakeFirst();
      if (!row) return undefined;
      const { ticket_id, ticket_subject, ticket_status, ticket_created_at, ...certificate } = row;
      const ticket =
        ticket_id !== null && ticket_subject !== null && ticket_status !== null && ticket_created_at !== null
          ? {
              id: ticket_id,
              subject: ticket_subject,
              status: ticket_status,
              created_at: ticket_created_at,
              history: await statusHistory(db, ticket_id),
            }
          : null;
      return { ...certificate, ticket };
    },
  );
}

/** Served by the replica's ticket_events(ticket_id, at) index. */
function statusHistory(db: Kysely<Helpdesk>, ticketId: number): Promise<StatusChange[]> {
  return db
    .selectFrom("ticket_events as e")
    .leftJoin("techs as a", "a.id", "e.actor_id")
    .select(["e.id", "e.at", "e.old_value as from", "e.new_value as to", "a.login as actor"])
    .where("e.ticket_id", "=", ticketId)
    .where("e.field", "=", "status")
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
}
