import { expect, type Page, test } from "@playwright/test";

/*
 * The client page's status codes and links on the demo data: Meridian
 * Shipping Co (A-10042) is the planted client that costs more than it pays.
 */
async function actAs(page: Page, role: "manager" | "lead" | "tech") {
  await page.goto("/");
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("note")).toContainText(`You are viewing as ${role}`);
}

test.describe("the client page", () => {
  test("answers 404 for a client nobody has", async ({ page }) => {
    const response = await page.goto("/clients/NOPE-1?from=2026-01-01&to=2026-01-31&scope=support");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No such client" })).toBeVisible();
  });

  test("answers 403 to a lead: it shows money", async ({ page }) => {
    await actAs(page, "lead");
    const response = await page.goto("/clients/A-10042?from=2026-01-01&to=2026-01-31&scope=support");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
    await actAs(page, "manager");
  });

  test("links its tickets to the helpdesk and its techs to their pages over the same days", async ({ page }) => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const [from, to] = [day(Date.now() - 89 * 86_400_000), day(Date.now())];
    await page.goto(`/clients/A-10042?from=${from}&to=${to}&scope=support`);
    const tickets = page.getByRole("region", { name: "Tickets with time in the range" });
    await expect(tickets.getByRole("table")).toBeVisible();
    const ticket = tickets.getByRole("table").locator("tbody tr").first().getByRole("link").first();
    await expect(ticket).toHaveAttribute("href", /^https:\/\/helpdesk\.example\.com\/tickets\/\d+$/);
    const techs = page.getByRole("region", { name: "Who spent the time" });
    const tech = techs.getByRole("table").locator("tbody tr").first().getByRole("link").first();
    await expect(tech).toHaveAttribute("href", new RegExp(`^/techs/[^?]+\\?from=${from}&to=${to}$`));
  });
});
