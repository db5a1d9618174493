import "server-only";
import type pg from "pg";
import { RT_COLUMNS, RT6_TRANSACTION_COLUMNS, type RtVersion } from "./tables";

export class RtSchemaError extends Error {
  override name = "RtSchemaError";
}

/**
 * Tells the RT version from the catalog and checks that every table and
 * column we read is there, so a database we do not understand stops
 * Lookback at start with what is missing, never half-way through an ingest.
 * 5.0 brought the `configurations` table; 6.0 `savedsearches` and the
 * transactions' TimeWorker and TimeWorkedDate.
 */
export async function checkRtSchema(client: pg.ClientBase): Promise<RtVersion> {
  // An idle pass fingerprints RT's small tables with hash_record_extended (PostgreSQL 14 and later).
  const server = await client.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  if ((server.rows[0]?.v ?? 0) < 140_000) {
    throw new RtSchemaError(
      `Request Tracker's database runs on PostgreSQL ${current(server.rows[0]?.v)}; Lookback reads PostgreSQL 14 or later.`,
    );
  }
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = ANY (current_schemas(false))`,
  );
  const have = new Map<string, Set<string>>();
  for (const r of rows) {
    const t = r.table_name.toLowerCase();
    if (!have.has(t)) have.set(t, new Set());
    have.get(t)?.add(r.column_name.toLowerCase());
  }
  if (!have.has("configurations")) {
    throw new RtSchemaError(
      "The helpdesk database is not Request Tracker 5.0 or 6.0: it has no `configurations` table (RT 5.0 and later have one). " +
        "Check HELPDESK_DATABASE_URL, or upgrade RT.",
    );
  }
  const version: RtVersion = have.has("savedsearches") ? "6.0" : "5.0";
  const missing: string[] = [];
  const wanted: [string, readonly string[]][] = Object.entries(RT_COLUMNS);
  if (version === "6.0") wanted.push(["transactions", RT6_TRANSACTION_COLUMNS]);
  for (const [table, columns] of wanted) {
    const cols = have.get(table);
    if (!cols) missing.push(`table ${table}`);
    else for (const c of columns) if (!cols.has(c)) missing.push(`column ${table}.${c}`);
  }
  if (missing.length > 0) {
    throw new RtSchemaError(
      `The Request Tracker ${version} database lacks what Lookback reads: ${[...new Set(missing)].join(", ")}.`,
    );
  }
  return version;
}

const current = (v: number | undefined) => (v ? `${Math.floor(v / 10_000)}.${v % 100}` : "(unknown)");
