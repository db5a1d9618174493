import { expect, test } from "@playwright/test";

/*
 * The planted story of the demo data (lib/demo/README.md): rvance (Riley
 * Vance, Chicago) games the old cruncher with bare half-point notes posted
 * between 22:00 and 04:00, ten times as often in the last 60 days. His team
 * was "Team X", then "Division-1", and is "N-1" now.
 */
test.describe("tech scorecards on the demo data", () => {
  test("from the catalog to the gaming tech's page, through the team's old name", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Tech scorecards" }).click();
    await page.waitForURL(/\/reports\/tech-scorecard\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("heading", { name: "Team view" })).toBeVisible();
    // The chart shows some techs of each team and says so; the table's footer holds medians and says so.
    const rowCount = Number((await page.getByTestId("run-facts").textContent())?.match(/([\d,]+) rows/)?.[1]);
    await expect(page.locator("figure figcaption").first()).toHaveText(
      new RegExp(`^\\d+ of ${rowCount} techs: in each team, the flagged and those furthest from its median`),
    );
    await expect(page.locator("table.results tfoot td").first()).toHaveText("Median");
    // Six teams: each folds into one line (with its flagged count) until opened.
    await expect(page.getByRole("table", { name: /techs beside the team median/ })).toHaveCount(0);
    const folded = page.locator("summary", { hasText: /^N-1: \d+ techs, \d+ flagged, beside the team median$/ });
    await folded.focus();
    await folded.press("Enter");
    await expect(page.getByRole("table", { name: "N-1: techs beside the team median" })).toBeVisible();

    await page.getByLabel("Team name (any, old or new)").fill("team x");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL(/team_name=team\+x/);
    // Filed under the name the team has at the end of the range, found by the one it had years ago.
    const team = page.getByRole("table", { name: "N-1: techs beside the team median" });
    await expect(team).toBeVisible();
    await expect(page.getByRole("table", { name: /techs beside the team median/ })).toHaveCount(1);

    const flagged = page.getByRole("status", { name: "Flagged techs" });
    await expect(flagged).toContainText("Riley Vance");
    await expect(team.getByRole("row", { name: /Riley Vance/ }).locator(".flag")).toContainText("Bare notes");

    await team.getByRole("link", { name: "Riley Vance" }).click();
    await page.waitForURL(/\/techs\/rvance\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByRole("heading", { level: 1, name: /Riley Vance/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }).locator(".flag")).toContainText("Bare notes");

    // Night-time activity: acts between 22:00 and 04:00 Chicago time, in the heat map and the line above it.
    const heat = page.getByRole("table", { name: /Activity by hour of day and day of week \(America\/Chicago\)/ });
    await expect(heat).toBeVisible();
    const nightCells = heat.locator(
      'td[data-hour="22"], td[data-hour="23"], td[data-hour="0"], td[data-hour="1"], td[data-hour="2"], td[data-hour="3"]',
    );
    const night = await nightCells.evaluateAll((cells) =>
      cells.reduce((sum, c) => sum + Number(c.getAttribute("data-acts")), 0),
    );
    expect(night).toBeGreaterThan(10);
    const atNight = page.getByRole("region", { name: "When Riley works" }).getByText(/acts at night \(22:00–06:00/);
    const said = /^([\d,]+) acts at night/.exec((await atNight.textContent()) ?? "")?.[1] ?? "";
    expect(Number(said.replaceAll(",", ""))).toBeGreaterThanOrEqual(night);
    await expect(page.getByRole("list", { name: "Tickets touched" }).locator(".flag").first()).toContainText("bare");
  });

  test("a bookmarked tech page names its days and refuses an unknown login", async ({ page }) => {
    await page.goto("/techs/rvance");
    await page.waitForURL(/\/techs\/rvance\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByRole("heading", { level: 1, name: /Riley Vance/ })).toBeVisible();
    await page.goto("/techs/no-such-login?from=2026-01-01&to=2026-01-31");
    await expect(page.getByRole("heading", { name: "No such tech" })).toBeVisible();
  });
});
