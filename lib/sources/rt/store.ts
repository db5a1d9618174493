import "server-only";
import type pg from "pg";
import { sqlFile } from "../../db/setup";

/**
 * What the ingester keeps in Lookback's own database:
 * - rt_raw: RT's rows as read (the tables and columns of sql/rt, 6.0 shape),
 *   so a ticket can be re-derived without going back to RT;
 * - rt_helpdesk: the copy in our helpdesk shape (sql/helpdesk/schema.sql,
 *   exactly), which the helpdesk source reads with search_path=rt_helpdesk;
 * - rt_ingest: the high-water mark, when it last passed, and why it failed.
 */
export const COPY_SCHEMA = "rt_helpdesk";

export async function ensureStore(client: pg.ClientBase): Promise<void> {
  const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'rt_ingest'");
  if (exists.rowCount === 1) return;
  await client.query("BEGIN");
  try {
    await client.query(`
      CREATE SCHEMA rt_ingest;
      CREATE TABLE rt_ingest.state (
        one            boolean PRIMARY KEY DEFAULT true CHECK (one),
        version        int NOT NULL,
        rt_version     text NOT NULL,
        built          boolean NOT NULL DEFAULT false,
        high_water     bigint NOT NULL DEFAULT 0,
        last_txn_at    timestamp,
        passed_at      timestamptz,
        failed_at      timestamptz,
        failure        text,
        reconciled_to  bigint NOT NULL DEFAULT 0,
        inputs_key     text
      );
      CREATE TABLE rt_ingest.office_ids (id smallserial PRIMARY KEY, zone text NOT NULL UNIQUE);
      DROP SCHEMA IF EXISTS rt_raw CASCADE;
      CREATE SCHEMA rt_raw;`);
    await inSchema(client, "rt_raw", (await sqlFile("rt", "rt-5.0.sql")) + (await sqlFile("rt", "rt-6.0.sql")));
    await ensureRequestors(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/**
 * For customers from the requestor's Organization: each ticket's requestors that have one (RT's
 * role group member row orders them), and the customer ids given to organizations, kept across
 * rebuilds as office ids are. Stores made before these existed get them on their rebuild.
 */
export async function ensureRequestors(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS rt_raw.ticket_requestors (ticket_id int NOT NULL, member_row int NOT NULL, organization text NOT NULL);
    CREATE INDEX IF NOT EXISTS ticket_requestors1 ON rt_raw.ticket_requestors (ticket_id);
    CREATE TABLE IF NOT EXISTS rt_ingest.organization_ids (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
    CREATE TABLE IF NOT EXISTS rt_ingest.customer_value_names (
      customfield int NOT NULL, name text NOT NULL, id int NOT NULL, PRIMARY KEY (customfield, name))`);
}

/** Creates our helpdesk tables in `schema` (empty), as sql/helpdesk/schema.sql has them. */
export async function createCopySchema(client: pg.ClientBase, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await inSchema(client, schema, await sqlFile("helpdesk", "schema.sql"));
}

async function inSchema(client: pg.ClientBase, schema: string, ddl: string): Promise<void> {
  const { rows } = await client.query<{ path: string }>("SELECT current_setting('search_path') AS path");
  await client.query(`SET search_path = ${schema}`);
  try {
    await client.query(ddl);
  } finally {
    await client.query(`SELECT set_config('search_path', $1, false)`, [rows[0]?.path ?? "public"]);
  }
}
