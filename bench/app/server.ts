import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { portIsTaken } from "../../lib/db/embedded";
import { bin } from "./build";
import { type AppEnvSettings, appEnv, childEnv } from "./env";

/**
 * The production build under test, served as `npm start` serves it against
 * given replicas: Lookback's own server (server.ts, Next.js behind its gate)
 * when the project has one, else `next start`; loopback only.
 */
export interface AppServer {
  baseUrl: string;
  pid: number;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface AppSettings extends AppEnvSettings {
  port: number;
  /** The built app's folder (see build.ts). */
  dir: string;
}

// Several cluster workers each prepare Next.js: on a shared, busy machine that takes more than a minute.
const READY_TIMEOUT_MS = 180_000;

/**
 * BENCH_NODE_ARGS: node flags for the server under test (its cluster workers inherit them), to look inside a
 * run: "--cpu-prof --cpu-prof-dir=/tmp/prof" writes a profile per process when the bench stops it.
 */
function nodeArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
}

export async function startApp(settings: AppSettings): Promise<AppServer> {
  if (await portIsTaken(settings.port)) {
    throw new Error(`Port ${settings.port} is taken: stop what runs there or pass --port.`);
  }
  const env = appEnv(settings);
  const ownServer = existsSync(path.join(settings.dir, "server.ts"));
  const [command, args] = ownServer
    ? [bin(settings.dir, "tsx"), [...nodeArgs(), "server.ts"]]
    : [bin(settings.dir, "next"), ["start", "-H", "127.0.0.1", "-p", String(settings.port)]];
  const child = spawn(command, args, {
    cwd: settings.dir,
    env: { ...childEnv(settings), PORT: String(settings.port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const baseUrl = `http://127.0.0.1:${settings.port}`;
  try {
    await waitReady(baseUrl, child);
  } catch (error) {
    await stop(child);
    throw new Error(`The app did not start: ${(error as Error).message}\n${output.join("").slice(-2000)}`);
  }
  return { baseUrl, pid: child.pid as number, env, stop: () => stop(child) };
}

async function waitReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer on ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops the server and anything it started (it runs in its own process group). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
