import "server-only";
import { type Kysely, sql } from "kysely";
import type { Billing, Helpdesk } from "../../db/types";

/** The names of every helpdesk customer on each of these accounts, sorted. */
export async function customersOnAccounts(
  helpdesk: Kysely<Helpdesk>,
  accountNos: string[],
): Promise<Map<string, string[]>> {
  const byAccount = new Map<string, string[]>();
  if (accountNos.length === 0) return byAccount;
  // A join to the unnested list, not = ANY(list): the planner estimates = ANY element by
  // element, which for the tens of thousands of accounts of a large shop takes longer than the query.
  const { rows } = await sql<{ account_no: string; names: string[] }>`
    SELECT c.billing_account_no AS account_no, array_agg(c.name ORDER BY c.name, c.id) AS names
    FROM customers c
    JOIN unnest(${accountNos}::text[]) AS a(account_no) ON a.account_no = c.billing_account_no
    GROUP BY c.billing_account_no`.execute(helpdesk);
  for (const r of rows) byAccount.set(r.account_no, r.names);
  return byAccount;
}

/** Billing's name of each of these accounts (accounts billing does not know are absent). */
export async function accountNames(billing: Kysely<Billing>, accountNos: string[]): Promise<Map<string, string>> {
  if (accountNos.length === 0) return new Map();
  const { rows } = await sql<{ account_no: string; name: string }>`
    SELECT a.account_no, a.name
    FROM accounts a
    JOIN unnest(${accountNos}::text[]) AS l(account_no) ON l.account_no = a.account_no`.execute(billing);
  return new Map(rows.map((r) => [r.account_no, r.name]));
}

/**
 * Every helpdesk customer's name and account, in the order customersOnAccounts
 * lists an account's customers (name, then id, as the database sorts them).
 */
export async function allCustomers(
  helpdesk: Kysely<Helpdesk>,
): Promise<Map<number, { customer: string; account_no: string | null }>> {
  const { rows } = await sql<{ id: number; customer: string; account_no: string | null }>`
    SELECT c.id, c.name AS customer, c.billing_account_no AS account_no FROM customers c ORDER BY c.name, c.id`.execute(
    helpdesk,
  );
  return new Map(rows.map((r) => [r.id, { customer: r.customer, account_no: r.account_no }]));
}

/** Every billing account's name. */
export async function allAccounts(billing: Kysely<Billing>): Promise<Map<string, string>> {
  const { rows } = await sql<{ account_no: string; name: string }>`SELECT account_no, name FROM accounts`.execute(
    billing,
  );
  return new Map(rows.map((r) => [r.account_no, r.name]));
}
