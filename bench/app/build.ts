import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type AppEnvSettings, childEnv } from "./env";

/**
 * The production build the benchmark measures. In place (the default, what
 * `npm start` serves): `next build` in the working tree when .next is
 * missing or older than the code. With --snapshot: a copy of the code in the
 * system's temporary folder, built there, so edits in the working tree during
 * a long run (or a half-finished build by someone else) cannot change or
 * break what is measured. It lives outside the repository because Next.js
 * takes the folder holding the outermost lockfile as the workspace root, and
 * would load React twice. Like `npm start`, it builds with the app's
 * environment set, since prerendering reads the configuration.
 */
export interface BuiltApp {
  /** Where to run the server from. */
  dir: string;
}

const SNAPSHOT_DIR = path.join(
  os.tmpdir(),
  `lookback-bench-app-${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 8)}`,
);
const NOT_APP = [".git", ".data", ".next", "node_modules", "bench", "e2e", "docs", "test-results", "playwright-report"];

export async function prepareApp(
  settings: AppEnvSettings,
  options: { build: boolean; snapshot: boolean },
  log: (message: string) => void,
): Promise<BuiltApp> {
  if (!options.snapshot) {
    if (options.build && needsBuild(".")) await build(".", settings, log);
    return { dir: path.resolve(".") };
  }
  const dir = SNAPSHOT_DIR;
  const changed = await syncSnapshot(dir);
  if (options.build && (changed || needsBuild(dir))) await build(dir, settings, log);
  return { dir };
}

export async function build(dir: string, settings: AppEnvSettings, log: (message: string) => void): Promise<void> {
  log(`Building the production build in ${path.relative(".", dir) || "."} (next build)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin(dir, "next"), ["build"], {
      cwd: dir,
      env: childEnv(settings),
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

/** A tool from the app folder's own node_modules: Next.js loaded from elsewhere would bring a second React. */
export const bin = (dir: string, name: string) => path.resolve(dir, "node_modules", ".bin", name);

/** Copies the app's code into the snapshot (node_modules as hard links, once); true when any file changed. */
async function syncSnapshot(dir: string): Promise<boolean> {
  const run = promisify(execFile);
  if (!existsSync(path.join(dir, "node_modules"))) {
    await run("mkdir", ["-p", dir]);
    // Hard links: no copy of the bytes, and Turbopack sees a real folder inside the project (it refuses symlinks out of it).
    await run("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  }
  const { stdout } = await run(
    "rsync",
    [
      "-a",
      "--delete",
      "--itemize-changes",
      ...NOT_APP.flatMap((p) => ["--exclude", `/${p}`]),
      "--exclude",
      "*.tsbuildinfo",
      "./",
      `${dir}/`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout.split("\n").some((line) => /^[<>c*]/.test(line) && !line.endsWith("/"));
}

function needsBuild(dir: string): boolean {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "lib", "public", "next.config.js", "package-lock.json", "instrumentation.ts", "server.ts"].some((p) =>
    newerThan(path.join(dir, p), built),
  );
}

function newerThan(p: string, time: number): boolean {
  if (!existsSync(p)) return false;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return readdirSync(p).some(
    (entry) => !entry.endsWith(".test.ts") && entry !== "bench.ts" && newerThan(path.join(p, entry), time),
  );
}
