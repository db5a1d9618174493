import "server-only";
import type pg from "pg";
import { storePool } from "../db/store";

/**
 * Saved views and subscriptions live in Lookback's own database
 * (LOOKBACK_DATABASE_URL): unlike the history index and the summaries they
 * exist nowhere else, so their tables are never dropped here. They are
 * created at first use, under a transaction-scoped advisory lock so that two
 * servers starting together do not race on CREATE TABLE.
 *
 * - saved_views: a report page's path and query string, private or shared
 *   with a role (a lead may narrow a share to their teams).
 * - subscriptions: a view's URL (kept, not a view id: deleting a view does
 *   not silently stop someone's deliveries), a schedule in a zone, where it
 *   goes, an optional alert condition and the alert's last state, and why it
 *   stopped when it did.
 * - subscription_slots: each (subscription, scheduled instant) recorded
 *   once; the unique key is what makes several servers deliver a slot once.
 * - subscription_runs: what each run did, for the subscription's page.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS saved_views (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  owner text NOT NULL,
  url text NOT NULL,
  shared_role text NULL CHECK (shared_role IN ('manager', 'lead', 'tech')),
  shared_teams int[] NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS saved_views_owner ON saved_views (lower(owner));
CREATE TABLE IF NOT EXISTS subscriptions (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  owner text NOT NULL,
  owner_demo_role text NULL,
  owner_groups text[] NOT NULL DEFAULT '{}',
  url text NOT NULL,
  schedule text NOT NULL,
  timezone text NOT NULL,
  email text[] NULL,
  allow_other_domains boolean NOT NULL DEFAULT false,
  webhook text NULL,
  condition jsonb NULL,
  alert_state boolean NULL,
  stopped_reason text NULL,
  checked_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS subscription_slots (
  subscription_id bigint NOT NULL REFERENCES subscriptions ON DELETE CASCADE,
  slot timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, slot)
);
CREATE TABLE IF NOT EXISTS subscription_runs (
  id bigserial PRIMARY KEY,
  subscription_id bigint NOT NULL REFERENCES subscriptions ON DELETE CASCADE,
  slot timestamptz NULL,
  at timestamptz NOT NULL DEFAULT now(),
  row_count int NULL,
  outcome text NOT NULL,
  error text NULL
);
CREATE INDEX IF NOT EXISTS subscription_runs_recent ON subscription_runs (subscription_id, at DESC);
`;

export class NoStoreError extends Error {
  override name = "NoStoreError";
  constructor() {
    super("Saved views and subscriptions need Lookback's own database: set LOOKBACK_DATABASE_URL.");
  }
}

const ready = new WeakMap<pg.Pool, Promise<void>>();

/** Our own database with the tables made; throws NoStoreError without one. */
export async function subscriptionStore(): Promise<pg.Pool> {
  const pool = storePool();
  if (!pool) throw new NoStoreError();
  let made = ready.get(pool);
  if (!made) {
    made = createTables(pool);
    ready.set(pool, made);
    made.catch(() => ready.delete(pool));
  }
  await made;
  return pool;
}

async function createTables(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('lookback.subscriptions.schema'))");
    await client.query(DDL);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on our own database. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = await subscriptionStore();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
