import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbedded } from "../db/embedded";
import { createSourceDatabase } from "../db/setup";
import { SOURCES } from "../db/sources";

/**
 * One real PostgreSQL server for the whole test run: the one named by
 * TEST_DATABASE_URL (a server URL whose database we may create databases
 * from), or an embedded one started here. Each source's schema is built once
 * into a template; every test database is a cheap copy of it.
 */
declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    const server = await startEmbedded({
      dataDir: path.resolve(".data/test-pg"),
      port: Number(process.env.TEST_EMBEDDED_PORT ?? 54330),
      fast: true,
    });
    serverUrl = server.url("postgres");
    stop = server.stop;
  }
  for (const source of SOURCES) {
    await createSourceDatabase(serverUrl, `lookback_template_${source}`, source);
  }
  project.provide("serverUrl", serverUrl);
  return async () => {
    await stop?.();
  };
}
