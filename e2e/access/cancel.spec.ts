import { expect, test } from "@playwright/test";
import pg from "pg";

/**
 * A browser that navigates away cancels its report's query on the server.
 * The query is made to wait (an exclusive lock on `tickets`, held from a
 * side connection to the demo database), the browser opens the report and
 * leaves before it answers, and the query must be gone from the server long
 * before any statement timeout could have ended it.
 */
const PG_URL = `postgres://postgres:lookback@127.0.0.1:${process.env.E2E_PG_PORT ?? "54331"}/lookback_helpdesk`;

async function waitingQueries(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:ticket-list' AND state = 'active'",
  );
  return result.rows[0]?.n ?? 0;
}

test("leaving a report page cancels its query on the server", async ({ page }) => {
  const locker = new pg.Client(PG_URL);
  const watcher = new pg.Client(PG_URL);
  await locker.connect();
  await watcher.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE");
    // A range no other test asks for, so no cached result answers it.
    await page.goto("/reports/ticket-list?from=2020-02-03&to=2020-02-05", { waitUntil: "commit" });
    await expect.poll(() => waitingQueries(watcher), { timeout: 10_000 }).toBe(1);
    await page.goto("/");
    await expect.poll(() => waitingQueries(watcher), { timeout: 5_000 }).toBe(0);
  } finally {
    await locker.query("ROLLBACK").catch(() => {});
    await locker.end();
    await watcher.end();
  }
});

test("a client that disconnects from the API cancels its query on the server", async ({ page }) => {
  const locker = new pg.Client(PG_URL);
  const watcher = new pg.Client(PG_URL);
  await locker.connect();
  await watcher.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE");
    await page.goto("/");
    // The request is made from the page and aborted there, as a browser tab would.
    await page.evaluate(() => {
      const controller = new AbortController();
      (window as unknown as { stop: () => void }).stop = () => controller.abort();
      void fetch("/api/reports/ticket-list?from=2020-03-03&to=2020-03-05", { signal: controller.signal }).catch(
        () => {},
      );
    });
    await expect.poll(() => waitingQueries(watcher), { timeout: 10_000 }).toBe(1);
    await page.evaluate(() => (window as unknown as { stop: () => void }).stop());
    await expect.poll(() => waitingQueries(watcher), { timeout: 5_000 }).toBe(0);
  } finally {
    await locker.query("ROLLBACK").catch(() => {});
    await locker.end();
    await watcher.end();
  }
});
