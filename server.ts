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
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsersFileError) {
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
  // With a database of our own, bring the history index up to date in the background: the queue reports
  // read the replica directly until it is ready. A failure is logged and retried by the next queue report.
  if (config().LOOKBACK_DATABASE_URL) {
    const { keepHistoryFresh, prepareHistory } = await import("./lib/history/sync");
    void prepareHistory((message) => console.log(message)).then(keepHistoryFresh);
    // And the monthly summaries of the year-long reports, which read the replicas until they exist.
    const { keepSummariesFresh } = await import("./lib/summary/refresh");
    keepSummariesFresh();
  }
  // Finish what is in flight, but never hang on a long export: 5 s, then go.
  const stop = () => {
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
