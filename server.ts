/**
 * Lookback's own HTTP server: Next.js (the production build) behind one gate
 * (lib/auth/gate.ts). `npm start` runs it instead of `next start`, because
 * Next.js gives pages neither the peer's address (needed to trust the
 * sign-in proxy's header only from the proxy) nor a signal when the browser
 * goes away (needed to cancel a page's query), and because each response's
 * Content-Security-Policy carries a fresh nonce. Run it with
 * `tsx server.ts` after `next build`; it listens on PORT (default 3000) on
 * every interface, as `next start` does.
 *
 * It uses the cores: LOOKBACK_WORKERS processes (default one per core,
 * node:cluster) share the port, and each opens at most its share of
 * LOOKBACK_POOL_MAX connections per source, so the replicas see the budget
 * configured whatever the number of workers; the cache budgets are shared
 * out the same way, and each worker's heap is LOOKBACK_WORKER_HEAP_MB. A repeat of a cached JSON
 * answer is sent straight from its stored bytes (lib/reports/answer-cache.ts),
 * and a CSV export is piped from its cursor to the socket
 * (lib/reports/csv-export.ts), both without waking Next.js.
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import { register } from "node:module";
import os from "node:os";
import { errorMessage, log } from "./lib/log";
import { processWide } from "./lib/process-wide";

// Before any of our modules load: `server-only` is the empty marker here, as in Next.js's server build.
register("./lib/server-only-hook.mjs", import.meta.url);

// Next.js wraps the global Date as it loads: the row parsers make instants with the original (type-parsers.ts).
processWide("native-date", () => Date);

// Next.js reads NODE_ENV as it loads: production before anything imports it.
Object.assign(process.env, { NODE_ENV: "production" });
const started = Date.now();
const port = Number(process.env.PORT ?? 3000);

/** The configuration, checked before anything listens: a bad variable stops us here, by name. */
async function checkedConfig() {
  const { config, ConfigError } = await import("./lib/db/config");
  const { loadUsersFile, UsersFileError } = await import("./lib/auth/users-file");
  try {
    const c = config();
    if (c.LOOKBACK_AUTH === "proxy") loadUsersFile(c.LOOKBACK_USERS_FILE ?? "");
    await (await import("./lib/sources/rt/job")).checkRtSource();
    return c;
  } catch (error) {
    const rt = await import("./lib/sources/rt/errors");
    if (error instanceof ConfigError || error instanceof UsersFileError || rt.isRtStartError(error)) {
      log.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function workerCount(): number {
  const given = process.env.LOOKBACK_WORKERS;
  const n = given === undefined || given === "" ? os.availableParallelism() : Number(given);
  if (!Number.isInteger(n) || n < 1) {
    log.fatal(`LOOKBACK_WORKERS must be a whole number from 1 (got ${given})`);
    process.exit(1);
  }
  return n;
}

/**
 * The primary: forks the workers, each with its share of the connection
 * budget (at least 2 per source, so heavy and light reports each keep a
 * place), restarts one that dies, and stops them all on SIGTERM.
 */
async function primary(workers: number) {
  const c = await checkedConfig();
  const share = Math.max(2, Math.floor(c.LOOKBACK_POOL_MAX / workers));
  const shares = {
    LOOKBACK_POOL_MAX: String(share),
    LOOKBACK_CACHE_MB: String(Math.max(1, Math.floor(c.LOOKBACK_CACHE_MB / workers))),
    LOOKBACK_ANSWER_CACHE_MB: String(Math.max(1, Math.floor(c.LOOKBACK_ANSWER_CACHE_MB / workers))),
  };
  // Each worker's heap is bounded, so it is collected before it grows: the per-worker memory stays put.
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${c.LOOKBACK_WORKER_HEAP_MB}`] });
  let stopping = false;
  let listening = 0;
  const fork = (index: number) =>
    cluster
      .fork({ ...shares, LOOKBACK_WORKER_INDEX: String(index) })
      .on("exit", (code, signal) => {
        // A worker stopped by a signal sent to the whole group (Ctrl-C) is not a crash.
        if (stopping || code === 0) return;
        log.error({ worker: index, code, signal }, "a worker stopped; starting another");
        fork(index);
      })
      .on("listening", () => {
        if (++listening === workers) {
          const mode = c.LOOKBACK_AUTH === "proxy" ? "proxy sign-in" : "demo mode, no sign-in";
          log.info(
            `Lookback ready in ${Date.now() - started} ms on http://localhost:${port} (${mode}; ${workers} workers, ${share} connections per source each)`,
          );
        }
      });
  for (let i = 0; i < workers; i++) fork(i);
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 6_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** One server: the gate, the stored answers, then Next.js. */
async function serve() {
  const c = await checkedConfig();
  const { createGate } = await import("./lib/auth/gate");
  const { requestContext } = await import("./lib/auth/request-context");
  const { serveStoredAnswer } = await import("./lib/reports/answer-cache");
  const next = (await import("next")).default;
  const app = next({ dev: false, dir: import.meta.dirname, port });
  await app.prepare();
  // After Next.js is prepared: the export path loads report modules that import next/headers, which must
  // find the AsyncLocalStorage Next.js installs (imported before, they fail at start with an invariant).
  const { serveCsvExport } = await import("./lib/reports/csv-export");
  const handle = app.getRequestHandler();
  const server = createServer(
    createGate(async (req, res) => {
      // A repeat of a cached JSON answer, for the same asker: its bytes, or 304 (audited there).
      if (serveStoredAnswer(req, res, requestContext()?.user)) return;
      // A CSV export streams from the database straight to the socket, at the client's pace.
      if (await serveCsvExport(req, res)) return;
      await handle(req, res);
    }),
  );
  // Slow clients must not hold a worker's sockets forever; a keep-alive longer than a load balancer's.
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => {
    if (!cluster.isWorker) {
      const mode = c.LOOKBACK_AUTH === "proxy" ? "proxy sign-in" : "demo mode, no sign-in";
      log.info(`Lookback ready in ${Date.now() - started} ms on http://localhost:${port} (${mode})`);
    }
  });
  // With a database of our own, its job engine keeps the history index and the summaries up to date
  // (lib/jobs): each server's first worker runs a runner, and each scheduled job runs on one of them.
  // The reports read the replicas directly until those exist.
  const { startJobs, stopJobs } = await import("./lib/jobs/runner");
  if ((process.env.LOOKBACK_WORKER_INDEX ?? "0") === "0") {
    await startJobs();
    if (c.HELPDESK_KIND === "rt") await (await import("./lib/sources/rt/job")).queueRtIngest();
  }
  // Finish what is in flight, but never hang on a long export: 5 s, then go.
  const stop = () => {
    void stopJobs();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const workers = cluster.isPrimary ? workerCount() : 1;
(cluster.isPrimary && workers > 1 ? primary(workers) : serve()).catch((error: unknown) => {
  log.fatal({ err: errorMessage(error) }, "Lookback's server failed to start");
  process.exit(1);
});
