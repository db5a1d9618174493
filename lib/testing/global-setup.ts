import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { portIsTaken, startEmbedded } from "../db/embedded";
import { createSourceDatabase, dropDatabase } from "../db/setup";
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
    /** This run's template databases are lookback_template_<source>_<templateSuffix>. */
    templateSuffix: string;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    // The usual folder and port; when another test run holds them, a folder and port of our own for this run.
    let port = Number(process.env.TEST_EMBEDDED_PORT ?? 54330);
    let dataDir = path.resolve(".data/test-pg");
    const usual = !(await portIsTaken(port));
    if (!usual) {
      port = await freePort();
      dataDir = path.resolve(`.data/test-pg-${process.pid}`);
    }
    const server = await startEmbedded({ dataDir, port, fast: true });
    serverUrl = server.url("postgres");
    stop = async () => {
      await server.stop();
      if (!usual) await rm(dataDir, { recursive: true, force: true });
    };
  }
  // Templates of our own, so test runs sharing one server never drop each other's.
  const templateSuffix = randomBytes(4).toString("hex");
  for (const source of SOURCES) {
    await createSourceDatabase(serverUrl, `lookback_template_${source}_${templateSuffix}`, source);
  }
  project.provide("serverUrl", serverUrl);
  project.provide("templateSuffix", templateSuffix);
  const url = serverUrl;
  return async () => {
    for (const source of SOURCES) await dropDatabase(url, `lookback_template_${source}_${templateSuffix}`);
    await stop?.();
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
