import { expect, type Page, test } from "@playwright/test";

/*
 * The planted story of the demo data (lib/demo/README.md): Meridian Shipping
 * Co, billing account A-10042, pays the smallest retainer while its tickets
 * take three times the usual time from expensive seniors: it costs more than
 * it pays. The range is the last 90 days up to today, where the demo ends.
 */
const MERIDIAN = "Meridian Shipping Co";

function lastNinetyDays(): { from: string; to: string } {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const now = Date.now();
  return { from: day(now - 89 * 86_400_000), to: day(now) };
}

async function actAs(page: Page, role: "manager" | "lead" | "tech") {
  await page.goto("/");
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("note")).toContainText(`You are viewing as ${role}`);
}

test.describe("client profitability on the demo data", () => {
  test("the client that costs more than it pays stands out in the chart and the table, and drills down to its tickets", async ({
    page,
  }) => {
    await actAs(page, "manager");
    const { from, to } = lastNinetyDays();
    await page.goto(`/reports/client-profitability?from=${from}&to=${to}&scope=support`);
    await expect(page.getByRole("heading", { level: 1, name: "Client profitability" })).toBeVisible();

    // Totals on top.
    for (const label of ["Revenue", "Labor cost", "Margin", "Hours"]) {
      await expect(page.locator(".tile-label", { hasText: new RegExp(`^${label}$`) })).toBeVisible();
    }

    // The chart names the clients below the break-even line, Meridian among them.
    const chart = page.getByRole("figure", { name: "Revenue against labor cost per client" });
    await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(chart.locator("svg text", { hasText: MERIDIAN })).toBeVisible();
    await expect(chart.locator("figcaption").getByRole("link", { name: MERIDIAN })).toBeVisible();

    // The table, worst margin first: Meridian's margin is negative.
    const row = page.getByRole("row", { name: new RegExp(`A-10042.*${MERIDIAN}`) });
    await expect(row).toBeVisible();
    const margin = row.locator("td").nth(6);
    await expect(margin).toHaveText(/^−/);

    // The table's total hours are the tile's: every client's minutes / 60, not the sum of hours each rounded
    // (over this range's clients those differ by a few hundredths).
    const table = page.locator("table.results");
    const hoursAt = await table
      .locator("thead tr")
      .first()
      .locator("th")
      .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.trim().startsWith("Hours")));
    const tileHours = page.locator(".tile", { has: page.locator(".tile-label", { hasText: /^Hours$/ }) });
    await expect(table.locator(`tfoot td:nth-child(${hoursAt + 1})`)).toHaveText(
      (await tileHours.locator(".tile-value").textContent()) ?? "no tile",
    );

    // Drill down from the table to its page: its tickets with time and cost, and its techs.
    await row.getByRole("link", { name: "A-10042" }).click();
    await page.waitForURL(new RegExp(`/clients/A-10042\\?from=${from}&to=${to}&scope=support$`));
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(MERIDIAN) })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }).locator(".flag")).toHaveText("costs more than it pays");
    await expect(page.getByRole("figure", { name: "Hours by month" })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Revenue and labor cost by month" })).toBeVisible();
    const tickets = page.getByRole("region", { name: "Tickets with time in the range" });
    await expect(tickets.getByRole("table")).toBeVisible();
    expect(await tickets.getByRole("table").locator("tbody tr").count()).toBeGreaterThan(0);
    const techs = page.getByRole("region", { name: "Who spent the time" });
    expect(await techs.getByRole("table").locator("tbody tr").count()).toBeGreaterThan(0);
  });

  test("the drill-down shows no money to a tech", async ({ page }) => {
    await actAs(page, "tech");
    await page.goto("/clients/A-10042");
    await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
    await actAs(page, "manager");
  });
});
