import { expect, type Page, test } from "@playwright/test";

/**
 * The queue view on the scale-1 demo data. The demo has a backlog spike in
 * "Email Support" in the week starting six weeks before its end. The test
 * reads, through the JSON API of the same report, how many Email Support
 * tickets were in the queues at 15:00 UTC on each day around the spike, and
 * picks the day that differs most from the day before: stepping back a day on
 * the page must change the counts by exactly that.
 */
const DAY = 86_400_000;

interface Api<R> {
  rows: R[];
  meta: { truncated: boolean };
}

async function api<R>(page: Page, path: string): Promise<Api<R>> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as Api<R>;
}

/** The last day of the demo history: the last day on which tickets were created. */
async function lastDay(page: Page): Promise<number> {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 120 * DAY).toISOString().slice(0, 10);
  const { rows } = await api<{ day: string; created: number }>(
    page,
    `/api/reports/ticket-volume?from=${from}&to=${to}`,
  );
  const days = rows.filter((r) => r.created > 0).map((r) => r.day);
  expect(days.length).toBeGreaterThan(0);
  return Date.parse(`${days.at(-1)}T00:00:00Z`);
}

async function spikeDay(page: Page): Promise<{ queueId: number; at: string; count: number; dayBefore: number }> {
  const spikeWeek = (await lastDay(page)) - 42 * DAY;
  const instants = Array.from({ length: 22 }, (_, i) =>
    new Date(spikeWeek + (i - 7) * DAY + 15 * 3_600_000).toISOString(),
  );
  const first = await api<{ queue: string; queue_id: number }>(
    page,
    `/api/reports/queue-time-travel?at=${instants[7]}`,
  );
  const queueId = first.rows.find((r) => r.queue === "Email Support")?.queue_id;
  expect(queueId).toBeDefined();
  const counts: number[] = [];
  for (const at of instants) {
    const { rows, meta } = await api(page, `/api/reports/queue-time-travel?at=${at}&queue=${queueId}`);
    expect(meta.truncated).toBe(false);
    counts.push(rows.length);
  }
  let best = 1;
  for (let i = 2; i < counts.length; i++) {
    if (Math.abs(counts[i]! - counts[i - 1]!) > Math.abs(counts[best]! - counts[best - 1]!)) best = i;
  }
  expect(counts[best]).not.toBe(counts[best - 1]);
  return {
    queueId: queueId as number,
    at: instants[best] as string,
    count: counts[best]!,
    dayBefore: counts[best - 1]!,
  };
}

test.describe("the queues as they were", () => {
  test.use({ timezoneId: "America/Chicago" });

  test("opens at now with the instant in the URL", async ({ page }) => {
    await page.goto("/queues");
    await page.waitForURL((url) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(url.searchParams.get("at") ?? ""),
    );
    await expect(page.getByRole("heading", { name: /^Queues at / })).toBeVisible();
    await expect(page.getByRole("table", { name: "Tickets per queue and status" })).toBeVisible();
  });

  test("steps back a day: the counts change, the URL carries the instant, and a shared URL shows the same table", async ({
    page,
    browser,
  }) => {
    const spike = await spikeDay(page);
    await page.goto(`/queues?at=${spike.at}&queue=${spike.queueId}`);
    await expect(page.getByTestId("total-in-queues")).toHaveText(spike.count.toLocaleString("en-US"));

    await page.getByRole("link", { name: "−1 day" }).click();
    const dayBefore = new Date(Date.parse(spike.at) - DAY).toISOString();
    await page.waitForURL(
      (url) => url.searchParams.get("at") === dayBefore && url.searchParams.get("queue") === String(spike.queueId),
    );
    await expect(page.getByTestId("total-in-queues")).toHaveText(spike.dayBefore.toLocaleString("en-US"));

    // Ticket, queue, team, status and assignee of every row on the first page of the table (100 rows).
    const cells = (p: Page) =>
      p
        .getByRole("table", { name: "Queues as they were" })
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [0, 1, 2, 3, 5].map((i) => tr.children[i]?.textContent ?? "").join(" | ")),
        );
    await expect(page.getByRole("table", { name: "Queues as they were" }).locator("tbody tr")).toHaveCount(
      Math.min(spike.dayBefore, 100), // the table shows pages of 100
    );
    const rows = await cells(page);
    const other = await browser.newPage({ timezoneId: "America/Chicago" });
    await other.goto(page.url());
    await expect(other.getByTestId("total-in-queues")).toHaveText(spike.dayBefore.toLocaleString("en-US"));
    await expect(other.getByRole("table", { name: "Queues as they were" }).locator("tbody tr")).toHaveCount(
      rows.length,
    );
    expect(await cells(other)).toEqual(rows);
    await other.close();
  });
});

test.describe("the queue view before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the picker is a plain GET form read in the reporting zone, and the steps are links", async ({ page }) => {
    await page.goto("/queues?at=2026-01-15T12:00:00.000Z");
    const picker = page.getByLabel(/^Queues at \(/);
    await picker.fill("2026-01-14T21:30:00");
    await page.getByRole("button", { name: "Show" }).click();
    // The demo's reporting zone is UTC; the server turns the local value into a concrete instant in the URL.
    await page.waitForURL((url) => url.searchParams.get("at") === "2026-01-14T21:30:00.000Z");
    await page.getByRole("link", { name: "+1 hour" }).click();
    await page.waitForURL((url) => url.searchParams.get("at") === "2026-01-14T22:30:00.000Z");
    // The streamed result needs JavaScript to be shown; the controls above it do not.
    await expect(page.getByRole("heading", { name: /^Queues at / })).toBeVisible();
  });
});

test("an unknown queue on /queues is named as a parameter error, not an empty list", async ({ page }) => {
  await page.goto("/queues?queue=999999");
  await page.waitForURL(/at=/);
  const error = page.getByRole("alert").filter({ hasText: "Check the parameters" });
  await expect(error).toContainText("queue 999999 is not a known queue");
  await expect(page.getByText(/^No ticket was in/)).toHaveCount(0);
});
