/**
 * Lookback's own HTTP server: Next.js (the production build) behind one gate
 * (lib/auth/gate.ts). `npm start` runs it instead of `next start`, because
 * Next.js gives pages neither the peer's address (needed to trust the
 * sign-in proxy's header only from the proxy) nor a signal when the browser
 * goes away (needed to cancel a page's query), and because each response's
 * Content-Security-Policy carries a fresh nonce. Run it with
 * `tsx server.ts` after `next build`; it listens on PORT (default 3000) on
 * every interface, as `next start` does.
 */
import { createServer } from "node:http";
import { register } from "node:module";

// Before any of our modules load: `server-only` is the empty marker here, as in Next.js's server build.
register("./lib/server-only-hook.mjs", import.meta.url);

// Next.js reads NODE_ENV as it loads: production before anything imports it.
Object.assign(process.env, { NODE_ENV: "production" });
const started = Date.now();
const port = Number(process.env.PORT ?? 3000);

async function main() {
  const { config, ConfigError } = await import("./lib/db/config");
  const { loadUsersFile, UsersFileError } = await import("./lib/auth/users-file");
  try {
    const c = config();
    if (c.LOOKBACK_AUTH === "proxy") loadUsersFile(c.LOOKBACK_USERS_FILE ?? "");
    await (await import("./lib/sources/rt/job")).checkRtSource();
  } catch (error) {
    const rt = await import("./lib/sources/rt/errors");
    if (error instanceof ConfigError || error instanceof UsersFileError || rt.isRtStartError(error)) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { createGate } = await import("./lib/auth/gate");
  const next = (await import("next")).default;
  const app = next({ dev: false, dir: import.meta.dirname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer(createGate((req, res) => handle(req, res)));
  server.listen(port, () => {
    const mode = config().LOOKBACK_AUTH === "proxy" ? "proxy sign-in" : "demo mode, no sign-in";
    console.log(`Lookback ready in ${Date.now() - started} ms on http://localhost:${port} (${mode})`);
  });
  // With a database of our own, its job engine keeps the history index and the summaries up to date
  // (lib/jobs): every server runs a runner, and each scheduled job runs on one of them. The reports read
  // the replicas directly until those exist.
  const { startJobs, stopJobs } = await import("./lib/jobs/runner");
  await startJobs();
  if (config().HELPDESK_KIND === "rt") await (await import("./lib/sources/rt/job")).queueRtIngest();
  // Finish what is in flight, but never hang on a long export: 5 s, then go.
  const stop = () => {
    void stopJobs();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
