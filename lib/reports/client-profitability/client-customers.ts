import { sql } from "kysely";
import type { ClientKey } from "./client-key";

/** The helpdesk customers a client's hours come from, as a subquery of customer ids. */
export function customersOf(client: ClientKey) {
  return client.kind === "account"
    ? sql<number>`SELECT c.id FROM customers c WHERE c.billing_account_no = ${client.accountNo}`
    : sql<number>`SELECT ${client.customerId}::int`;
}
