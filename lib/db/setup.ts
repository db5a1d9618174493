import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Source } from "./sources";

/**
 * Creates the source databases Lookback reads, for the demo, the tests and the
 * benchmarks: never used against a real replica. `sql/<source>/schema.sql` is
 * the contract's DDL; `sql/indexes/<source>.sql` holds what we recommend.
 */
const SQL_DIR = path.join(process.cwd(), "sql");

export async function sqlFile(...parts: string[]): Promise<string> {
  return readFile(path.join(SQL_DIR, ...parts), "utf8");
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(
    adminUrl,
    async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
  );
}

/** Creates `name` with the source's schema (and, if asked, the recommended indexes). */
export async function createSourceDatabase(
  adminUrl: string,
  name: string,
  source: Source,
  options: { indexes?: boolean; template?: string } = {},
): Promise<string> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
    await c.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)}${options.template ? ` TEMPLATE ${pg.escapeIdentifier(options.template)}` : ""}`,
    );
  });
  const url = databaseUrl(adminUrl, name);
  if (!options.template) {
    await withClient(url, async (c) => {
      await c.query(await sqlFile(source, "schema.sql"));
      if (options.indexes) await createRecommendedIndexes(c, source);
    });
  }
  return url;
}

/** An empty database (for Lookback's own state), replacing any of that name. */
export async function createEmptyDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** sql/indexes/<source>/*.sql: one file per report that needs them, each safe to run twice. */
export async function createRecommendedIndexes(client: pg.Client, source: Source): Promise<void> {
  const dir = path.join(SQL_DIR, "indexes", source);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  for (const file of files) await client.query(await readFile(path.join(dir, file), "utf8"));
}
