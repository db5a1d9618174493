import { expect, test } from "@playwright/test";
import pg from "pg";

/**
 * A full heavy lane answers "busy" at once. Scorecards of every tech are
 * heavy; an exclusive lock on `ticket_comments` (held from a side connection to the
 * demo database) makes them wait, so a burst of them fills every worker's
 * heavy places and its short queue. Then one more: the API answers 503 with
 * Retry-After within a second, and the page says so in plain words, while a
 * light report that does not read the locked table still answers.
 */
const PG_URL = `postgres://postgres:lookback@127.0.0.1:${process.env.E2E_PG_PORT ?? "54331"}/lookback_helpdesk`;

/**
 * Ranges no other test asks for, one per request, so none shares another's
 * run. Each ends today (the reporting zone is UTC on the e2e server): past
 * days may be answered from the stored day summaries in Lookback's own
 * database, which the lock does not hold, but the current day is always
 * summarized on the replica, so every one of these waits on the lock.
 */
const range = (i: number) => {
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(today) - (i + 1) * 86_400_000);
  return `from=${from.toISOString().slice(0, 10)}&to=${today}`;
};

test("a full heavy lane answers 503 busy at once, and the page says so", async ({ page, request }) => {
  const locker = new pg.Client(PG_URL);
  await locker.connect();
  const held: Promise<unknown>[] = [];
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE ticket_comments IN ACCESS EXCLUSIVE MODE");
    for (let i = 0; i < 24; i++) {
      held.push(request.get(`/api/reports/tech-scorecard?${range(i)}`, { timeout: 60_000 }).catch(() => {}));
    }
    await expect
      .poll(
        async () => {
          const started = Date.now();
          const res = await request.get(`/api/reports/tech-scorecard?${range(100)}`);
          return { status: res.status(), retryAfter: res.headers()["retry-after"], fast: Date.now() - started < 1_000 };
        },
        { timeout: 15_000 },
      )
      .toEqual({ status: 503, retryAfter: "5", fast: true });

    await page.goto(`/reports/tech-scorecard?${range(101)}`);
    // Next.js has an (empty) alert of its own, the route announcer: the busy panel is the alert with the heading.
    const alert = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Lookback is busy" }) });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("try again in a moment");

    // Light work still goes ahead.
    const light = await request.get("/api/reports/ticket-volume?from=2025-03-01&to=2025-03-02");
    expect(light.status()).toBe(200);
  } finally {
    await locker.query("ROLLBACK").catch(() => {});
    await locker.end();
    await Promise.all(held);
  }
});
