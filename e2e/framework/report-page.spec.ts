import { expect, type Locator, test } from "@playwright/test";

/**
 * Enter on a focused element. Early in a page's life Chromium may not take the focus asked for (the press then
 * lands on the body): focus until it holds, then press.
 */
async function pressEnter(target: Locator): Promise<void> {
  await expect(async () => {
    await target.focus();
    await expect(target).toBeFocused({ timeout: 200 });
  }).toPass();
  await target.press("Enter");
}

test.describe("the report framework on the demo data", () => {
  test("opens a report from the catalog and resolves its defaults into the URL", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
    await page.getByRole("link", { name: "Ticket volume" }).click();
    await page.waitForURL(/\/reports\/ticket-volume\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("heading", { name: "Ticket volume" })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByTestId("run-facts")).toContainText("helpdesk");
  });

  test("the main navigation reaches every section and marks the one the page is in", async ({ page }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    const current = nav.locator("[aria-current]");
    await page.goto("/");
    await expect(current).toHaveText("Reports");
    await expect(current).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "Saved views" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Saved views" })).toBeVisible();
    await expect(current).toHaveText("Saved views");
    await nav.getByRole("link", { name: "Subscriptions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Subscriptions and alerts" })).toBeVisible();
    await expect(current).toHaveText("Subscriptions");
    // A report is inside Reports, not the catalog page itself.
    await page.goto("/reports/cert-expiring");
    await expect(current).toHaveText("Reports");
    await expect(current).toHaveAttribute("aria-current", "true");
  });

  test("a preset becomes concrete dates, and a shared URL shows the same table", async ({ page, browser }) => {
    await page.goto("/reports/ticket-volume");
    await page.getByLabel("Period").selectOption("last-7-days");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => url.searchParams.has("from") && !url.searchParams.has("preset"));
    const url = new URL(page.url());
    const days = (Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)) / 86_400_000;
    expect(days).toBe(6);
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(7);
    const rows = await page.getByRole("table").locator("tbody tr").allInnerTexts();
    const other = await browser.newPage();
    await other.goto(page.url());
    await expect(other.getByRole("table").locator("tbody tr")).toHaveCount(7);
    expect(await other.getByRole("table").locator("tbody tr").allInnerTexts()).toEqual(rows);
    await other.close();
  });

  test("View SQL draws the statements only when opened, with their parameters", async ({ page, request }) => {
    const path = "/reports/ticket-volume?from=2026-01-01&to=2026-01-31";
    // Closed, the statements are not in the page's HTML (only in the payload that draws them on opening).
    const html = await (await request.get(path)).text();
    expect(html).toContain("View SQL (");
    expect(html).not.toMatch(/<pre>[^<]*-- parameters/);
    // Once the page's script has taken over (the next test opens it before).
    await page.goto(path, { waitUntil: "networkidle" });
    const view = page.locator("details.sql");
    await expect(view.locator("pre")).toHaveCount(0);
    await pressEnter(view.locator("summary"));
    await expect(view.locator("pre").first()).toContainText("SELECT");
    await expect(view.locator("pre").nth(1)).toContainText('$1 = "');
  });

  test("View SQL opened before the page's script has loaded is drawn once it has", async ({ page }) => {
    // The scripts arrive late (a slow machine): the reader opens the disclosure first, by keyboard.
    let release: () => void = () => {};
    const scriptsMayLoad = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/_next/static/**/*.js", async (route) => {
      await scriptsMayLoad;
      await route.continue();
    });
    await page.goto("/reports/ticket-volume?from=2026-01-01&to=2026-01-31", { waitUntil: "domcontentloaded" });
    const view = page.locator("details.sql");
    await pressEnter(view.locator("summary"));
    await expect(view).toHaveJSProperty("open", true);
    await expect(view.locator("pre")).toHaveCount(0);
    release();
    await expect(view.locator("pre").first()).toContainText("SELECT");
  });

  test("invalid parameters are shown next to their field and nothing runs", async ({ page }) => {
    await page.goto("/reports/ticket-volume?from=2026-02-30&to=2026-03-01");
    await expect(page.getByRole("alert").filter({ hasText: "From must be a date written YYYY-MM-DD" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("sorts and filters the table in the browser", async ({ page }) => {
    await page.goto("/reports/ticket-volume?preset=last-30-days");
    await page.waitForURL(/from=/);
    await page.getByRole("region", { name: /table/ }).getByRole("button", { name: "Created" }).click(); // numbers sort descending first
    const firstTwo = await page
      .locator("table.results tbody tr td:nth-child(2)")
      .evaluateAll((cells) => cells.slice(0, 2).map((c) => Number(c.textContent?.replaceAll(",", ""))));
    expect(firstTwo[0]).toBeGreaterThanOrEqual(firstTwo[1]!);
    const day = await page.locator("table.results tbody tr td:first-child").first().textContent();
    await page.getByLabel("Filter Day").fill(day ?? "");
    // The filter is the URL's (server-side paging); the chart's table equivalent has rows too, so look at the results.
    await page.waitForURL(/filter=day/);
    await expect(page.locator("table.results tbody tr")).toHaveCount(1);
  });

  test("the CSV export holds the same rows as the JSON API", async ({ page, request }) => {
    await page.goto("/reports/ticket-volume?preset=last-7-days");
    await page.waitForURL(/from=/);
    const query = new URL(page.url()).search;
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    });
    const json = await (await request.get(`/api/reports/ticket-volume${query}`)).json();
    const lines = csv.trim().split("\n");
    // The export is the view: its columns' labels head it.
    expect(lines[0]).toBe(json.columns.map((c: { label: string }) => c.label).join(","));
    expect(lines.slice(1)).toEqual(
      json.rows.map((r: Record<string, unknown>) => json.columns.map((c: { key: string }) => r[c.key]).join(",")),
    );
  });
});
