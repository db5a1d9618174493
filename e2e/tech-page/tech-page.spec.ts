import { expect, type Page, test } from "@playwright/test";

/*
 * The tech page's status codes and parameter errors on the demo data. The
 * demo tech is helpdesk tech 1, rvance; the demo lead leads team 1.
 */
async function actAs(page: Page, role: "manager" | "lead" | "tech") {
  await page.goto("/");
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("note")).toContainText(`You are viewing as ${role}`);
}

const DAYS = "from=2026-01-01&to=2026-01-31";

test.describe("the tech page", () => {
  test("answers 404 for a login no tech has", async ({ page }) => {
    const response = await page.goto(`/techs/nosuchuser?${DAYS}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No such tech" })).toBeVisible();
  });

  test("answers 403 to a tech opening another tech's page, and opens their own", async ({ page }) => {
    test.slow(); // three role switches and four pages on a busy machine
    await actAs(page, "manager");
    const res = await page.request.get("/api/reports/tech-scorecard?preset=last-30-days");
    const logins = ((await res.json()).rows as { login: string }[]).map((r) => r.login);
    const other = logins.find((l) => l !== "rvance");
    expect(other, "the demo data has techs besides rvance").toBeDefined();

    await actAs(page, "tech");
    // The page's own request (with the tech's role cookie): its status and what it says.
    const refused = await page.request.get(`/techs/${other}?${DAYS}`);
    expect(refused.status()).toBe(403);
    const said = await refused.text();
    expect(said).toContain("Not for your role");
    // In the banner's words: in demo mode nobody is signed in.
    expect(said).toContain("you are viewing as tech");
    const own = await page.goto(`/techs/rvance?${DAYS}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: /Riley Vance/ })).toBeVisible();
    // The page's data is a sub-report, which /reports/{id} also opens: with the same statuses.
    const asReport = (login: string) => page.request.get(`/reports/tech-profile?${DAYS}&login=${login}`);
    const refusedReport = await asReport(other as string);
    expect(refusedReport.status()).toBe(403);
    expect(await refusedReport.text()).toContain("Not for your role");
    expect((await asReport("rvance")).status()).toBe(200);
    expect((await asReport("nosuchuser")).status()).toBe(404);
    await actAs(page, "manager");
  });

  test("names an unknown tech id on the scorecard as a parameter error", async ({ page }) => {
    const api = await page.request.get(`/api/reports/tech-scorecard?${DAYS}&tech=99999`);
    expect(api.status()).toBe(400);
    expect((await api.json()).error).toMatchObject({
      code: "invalid_params",
      issues: [{ param: "tech", message: "99999 is not a known tech" }],
    });
    await page.goto(`/reports/tech-scorecard?${DAYS}&tech=99999`);
    const error = page.getByRole("alert").filter({ hasText: "Check the parameters" });
    await expect(error).toContainText("tech 99999 is not a known tech");
    await expect(page.getByText("No rows")).toHaveCount(0);
  });

  test("links ticket numbers to the helpdesk, and lets a keyboard scroll the heat map", async ({ page }) => {
    await page.goto("/techs/rvance?preset=last-30-days");
    await page.waitForURL(/\/techs\/rvance\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const tickets = page.getByRole("list", { name: "Tickets touched" });
    // Beside the team, the colours say what the scorecard's say, with the same legend.
    await expect(page.getByText("at least double the team median")).toBeVisible();
    // A month of rvance is hundreds of tickets: 25 at once, the rest on demand.
    await expect(tickets.locator(":scope > li")).toHaveCount(25);
    const more = page.locator("summary", { hasText: /^Show the other \d+ tickets$/ });
    await more.click();
    await expect(page.getByRole("list", { name: "More tickets touched" }).locator(":scope > li").first()).toBeVisible();
    const link = tickets.getByRole("link", { name: /^#\d+$/ }).first();
    await expect(link).toHaveAttribute("href", /^https:\/\/helpdesk\.example\.com\/tickets\/\d+$/);
    const region = page.getByRole("region", { name: /Activity by hour \(America\/Chicago\), scrollable/ });
    await expect(region).toHaveAttribute("tabindex", "0");
  });
});
