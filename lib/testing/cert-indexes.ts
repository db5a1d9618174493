import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import type { Source } from "../db/sources";
import type { TestSources } from "./databases";

/**
 * Creates this report's recommended indexes (sql/indexes/<source>/cert-lookup.sql)
 * in test databases and turns sequential scans off there, so that with a
 * fixture of a few rows every query still has to go through the indexes:
 * a test then fails if an expression drifts from its index.
 */
export async function applyRecommendedIndexes(sources: TestSources): Promise<void> {
  for (const source of ["helpdesk", "billing"] as const) {
    const file = path.join(process.cwd(), "sql", "indexes", source, "cert-lookup.sql");
    await sources.exec(source, await readFile(file, "utf8"));
    const url = source === "helpdesk" ? sources.helpdeskUrl : sources.billingUrl;
    const database = new URL(url).pathname.slice(1);
    await sources.exec(source, `ALTER DATABASE "${database}" SET enable_seqscan = off`);
  }
}

/** A Kysely that only compiles: the SQL and parameters a query would send, without a connection. */
export function compiler<DB>(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** The plan PostgreSQL chooses for a query, as text, with its real parameters bound. */
export async function planOf(sources: TestSources, source: Source, query: CompiledQuery): Promise<string> {
  const { sql, parameters } = query;
  const rows = (await sources.exec(source, `EXPLAIN (COSTS OFF) ${sql}`, [...parameters])) as {
    "QUERY PLAN": string;
  }[];
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}
