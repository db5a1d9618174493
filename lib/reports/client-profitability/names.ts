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
