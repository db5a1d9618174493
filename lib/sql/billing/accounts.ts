import "server-only";
import { type Kysely, sql } from "kysely";
import type { Billing } from "../../db/types";

/** Which of `accountNos` billing has. */
export async function presentAccounts(db: Kysely<Billing>, accountNos: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ account_no: string }>`
    SELECT account_no FROM accounts WHERE account_no = ANY(${accountNos}::text[])`.execute(db);
  return new Set(rows.map((r) => r.account_no));
}
