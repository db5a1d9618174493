import { type Kysely, sql } from "kysely";
import type { Billing, Helpdesk } from "../../db/types";

/** The names of every helpdesk customer on each of these accounts, sorted. */
export async function customersOnAccounts(
  helpdesk: Kysely<Helpdesk>,
  accountNos: string[],
): Promise<Map<string, string[]>> {
  const byAccount = new Map<string, string[]>();
  if (accountNos.length === 0) return byAccount;
  const { rows } = await sql<{ account_no: string; names: string[] }>`
    SELECT billing_account_no AS account_no, array_agg(name ORDER BY name, id) AS names
    FROM customers
    WHERE billing_account_no = ANY(${accountNos}::text[])
    GROUP BY billing_account_no`.execute(helpdesk);
  for (const r of rows) byAccount.set(r.account_no, r.names);
  return byAccount;
}

/** Billing's name of each of these accounts (accounts billing does not know are absent). */
export async function accountNames(billing: Kysely<Billing>, accountNos: string[]): Promise<Map<string, string>> {
  if (accountNos.length === 0) return new Map();
  const { rows } = await sql<{ account_no: string; name: string }>`
    SELECT account_no, name FROM accounts WHERE account_no = ANY(${accountNos}::text[])`.execute(billing);
  return new Map(rows.map((r) => [r.account_no, r.name]));
}
