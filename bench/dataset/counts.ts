import type pg from "pg";
import { withClient } from "../../lib/db/setup";

/** Row counts of the tables whose size drives the reports' cost: what "scale N" means in the tables. */
export interface DatasetCounts {
  tickets: number;
  ticket_events: number;
  ticket_comments: number;
  time_entries: number;
  certificates: number;
  customers: number;
  techs: number;
  invoices: number;
  invoice_lines: number;
}

const HELPDESK_TABLES = [
  "tickets",
  "ticket_events",
  "ticket_comments",
  "time_entries",
  "certificates",
  "customers",
  "techs",
] as const;
const BILLING_TABLES = ["invoices", "invoice_lines"] as const;

export async function countRows(helpdeskUrl: string, billingUrl: string): Promise<DatasetCounts> {
  const counts: Record<string, number> = {};
  await withClient(helpdeskUrl, async (c) => {
    for (const table of HELPDESK_TABLES) counts[table] = await count(c, table);
  });
  await withClient(billingUrl, async (c) => {
    for (const table of BILLING_TABLES) counts[table] = await count(c, table);
  });
  return counts as unknown as DatasetCounts;
}

async function count(client: pg.Client, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

export async function certificateCount(helpdeskUrl: string): Promise<number> {
  return withClient(helpdeskUrl, (c) => count(c, "certificates"));
}
