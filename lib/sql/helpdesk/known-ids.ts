import "server-only";
import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";

/** Tables whose integer `id` a parameter may name. */
export type IdTable = "techs" | "teams" | "queues" | "customers" | "certificates";

/** Which of `ids` the table has (as text, so bigint ids compare exactly). */
export async function presentIds(db: Kysely<Helpdesk>, table: IdTable, ids: readonly number[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    SELECT id::text AS id FROM ${sql.table(table)} WHERE id = ANY(${ids}::int8[])`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** Which of `logins` are helpdesk techs' logins. */
export async function presentLogins(db: Kysely<Helpdesk>, logins: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ login: string }>`
    SELECT login FROM techs WHERE login = ANY(${logins}::text[])`.execute(db);
  return new Set(rows.map((r) => r.login));
}

/** Which of `accountNos` some helpdesk customer is billed to. */
export async function billedAccounts(db: Kysely<Helpdesk>, accountNos: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ account_no: string }>`
    SELECT DISTINCT billing_account_no AS account_no FROM customers
    WHERE billing_account_no = ANY(${accountNos}::text[])`.execute(db);
  return new Set(rows.map((r) => r.account_no));
}
