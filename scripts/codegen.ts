/**
 * Regenerates lib/db/schema/*.ts (Kysely's Database types) from the real DDL
 * in sql/, or with --verify checks that they are up to date. Runs against a
 * throw-away database on TEST_DATABASE_URL, or on the embedded test server.
 *
 *   npm run db:types            # regenerate
 *   npm run db:types -- --verify
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { startEmbedded } from "../lib/db/embedded";
import { createSourceDatabase, dropDatabase } from "../lib/db/setup";
import { SOURCES } from "../lib/db/sources";

const run = promisify(execFile);

export async function codegen(serverUrl: string, verify: boolean): Promise<void> {
  for (const source of SOURCES) {
    const name = `lookback_codegen_${source}`;
    const url = await createSourceDatabase(serverUrl, name, source);
    try {
      await run(
        path.resolve("node_modules/.bin/kysely-codegen"),
        [
          "--dialect=postgres",
          `--url=${url}`,
          `--out-file=lib/db/schema/${source}.ts`,
          "--date-parser=string",
          "--numeric-parser=string",
          '--type-mapping={"int8":"number"}',
          "--log-level=error",
          ...(verify ? ["--verify"] : []),
        ],
        { env: { ...process.env, NO_COLOR: "1" } },
      );
    } finally {
      await dropDatabase(serverUrl, name);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verify = process.argv.includes("--verify");
  let serverUrl = process.env.TEST_DATABASE_URL;
  const server = serverUrl ? undefined : await startEmbedded({ dataDir: ".data/test-pg", port: 54330, fast: true });
  serverUrl ??= server!.url("postgres");
  try {
    await codegen(serverUrl, verify);
    console.log(verify ? "lib/db/schema is up to date" : "lib/db/schema regenerated");
  } finally {
    await server?.stop();
  }
}
