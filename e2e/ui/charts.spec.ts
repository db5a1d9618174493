import { expect as baseExpect, test } from "@playwright/test";

// Charts, a thousand-row table and axe are slow on a loaded machine: generous waits, each still bounded.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

/** Charts read for everyone: a legend that toggles series by keyboard, and the same points as a table. */
test.describe("charts", () => {
  test("the legend hides and shows a series by keyboard, and the points are in a table", async ({ page }) => {
    await page.goto("/reports/ticket-volume?preset=last-7-days");
    await page.waitForURL(/from=/);
    const chart = page.getByRole("figure", { name: "Created and resolved per day" });
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    const created = chart.getByRole("button", { name: "Created" });
    await expect(created).toHaveAttribute("aria-pressed", "true");
    await created.focus();
    await page.keyboard.press("Space");
    await expect(created).toHaveAttribute("aria-pressed", "false");
    await expect(chart.locator(".recharts-line")).toHaveCount(1);
    await page.keyboard.press("Enter");
    await expect(created).toHaveAttribute("aria-pressed", "true");
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    await chart.getByText("Chart data as a table").click();
    await expect(chart.getByRole("table").locator("tbody tr")).toHaveCount(7);
  });

  test("the profitability scatter has a log scale, a keyboard legend and a table of every client", async ({ page }) => {
    await page.goto("/reports/client-profitability?preset=last-month");
    await page.waitForURL(/from=/);
    const chart = page.getByRole("figure", { name: /Revenue against labor cost per client/ });
    const log = chart.getByRole("button", { name: "Log scale" });
    await expect(log).toHaveAttribute("aria-pressed", "false");
    // Every text of the plot (the axes' ticks among them) changes when the scale does.
    const ticks = chart.locator("svg text");
    await expect(ticks.first()).toBeAttached();
    const linearTicks = await ticks.allTextContents();
    expect(linearTicks.length).toBeGreaterThan(1);
    await log.click();
    await expect(log).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => ticks.allTextContents()).not.toEqual(linearTicks);
    const paying = chart.getByRole("button", { name: "Pays more than it costs" });
    await paying.press("Enter");
    await expect(paying).toHaveAttribute("aria-pressed", "false");
    // The run facts say how many clients the result has ("1,263 rows"); the chart plots and lists 200 of them.
    const facts = (await page.getByTestId("run-facts").textContent()) ?? "";
    const clients = Number(/([\d,]+) rows?/.exec(facts)?.[1]?.replaceAll(",", "") ?? 0);
    expect(clients).toBeGreaterThan(0);
    await expect(chart.locator("table")).toHaveCount(0);
    await chart.getByText(/Chart data as a table/).click();
    await expect(chart.getByRole("table").locator("tbody tr")).toHaveCount(Math.min(clients, 200));
  });

  test("queue depth is drawn one line per queue on its report and on /queues, the legend toggles a queue", async ({
    page,
    request,
  }) => {
    await page.goto("/reports/queue-depth?span=2");
    // The same rows through the API: one line per queue, one table row per point.
    const query = new URL(page.url()).search;
    const response = await request.get(`/api/reports/queue-depth${query}`);
    expect(response.status()).toBe(200);
    const { rows } = (await response.json()) as { rows: { at: string; queue: string }[] };
    const queues = new Set(rows.map((r) => r.queue));
    const points = new Set(rows.map((r) => r.at));
    expect(queues.size).toBeGreaterThan(1);

    const chart = page.getByRole("figure", { name: /^Tickets in each queue, every hour \(UTC\)$/ });
    await expect(chart.locator(".recharts-line")).toHaveCount(queues.size);
    const legend = chart.getByRole("list", { name: /Series/ }).getByRole("button");
    await expect(legend).toHaveCount(queues.size);
    const first = legend.first();
    await first.click();
    await expect(first).toHaveAttribute("aria-pressed", "false");
    await expect(chart.locator(".recharts-line")).toHaveCount(queues.size - 1);
    await first.click();
    await expect(chart.locator(".recharts-line")).toHaveCount(queues.size);
    // Closed, the table is not on the page at all (DataDetails): opening it draws every point.
    const table = page.getByRole("table", { name: "Tickets in each queue at each point" });
    await expect(table).toHaveCount(0);
    await page.getByText("Chart data as a table").click();
    await expect(table.locator("tbody tr")).toHaveCount(points.size);
    await expect(table.locator("thead th")).toHaveCount(queues.size + 1);

    await page.goto("/queues?span=2");
    const depth = page.getByRole("figure", { name: /^Tickets in each queue, every hour/ });
    await expect(depth.locator(".recharts-line").first()).toBeAttached();
    const lines = await depth.locator(".recharts-line").count();
    const button = depth
      .getByRole("list", { name: /Series/ })
      .getByRole("button")
      .first();
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await expect(depth.locator(".recharts-line")).toHaveCount(lines - 1);
  });
});
