import type pg from "pg";

/**
 * Row count and a checksum per table, to compare two runs. The checksum is
 * order-independent (a sum of per-row hashes of the row's text, primary key
 * included), so it needs no sort and no giant string at scale 30.
 */
export interface TableSummary {
  rows: number;
  checksum: string;
}

export const HELPDESK_TABLES = [
  "offices",
  "teams",
  "team_names",
  "techs",
  "team_members",
  "tech_cost_rates",
  "customers",
  "queues",
  "tickets",
  "ticket_events",
  "ticket_comments",
  "time_entries",
  "certificates",
] as const;

export const BILLING_TABLES = ["products", "accounts", "invoices", "invoice_lines", "payments", "fx_rates"] as const;

export async function summarizeTables(
  client: pg.Client,
  tables: readonly string[],
  withChecksums: boolean,
): Promise<Record<string, TableSummary>> {
  const summary: Record<string, TableSummary> = {};
  for (const table of tables) {
    const hash = withChecksums ? "coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)" : "0";
    const { rows } = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*) AS rows, md5(count(*) || ':' || ${hash}) AS checksum FROM ${table} t`,
    );
    const row = rows[0]!;
    summary[table] = { rows: Number(row.rows), checksum: withChecksums ? row.checksum : "" };
  }
  return summary;
}
