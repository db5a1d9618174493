import { expect, test } from "@playwright/test";

/** The three kinds the demo plants (lib/demo/words.ts PLANTED_SUBJECTS), as their templates. */
const PLANTED = ["alert: nginx down on <host> (<ip>)", "new ssl certificate for <host>", "password reset for <email>"];

test.describe("recurring work on the demo data", () => {
  test("the first page shows the planted kinds, and a kind opens the list of its tickets", async ({ page }) => {
    await page.goto("/reports/recurring-work");
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("heading", { name: "Recurring work" })).toBeVisible();
    const table = page.getByRole("table", { name: "Recurring work" });
    for (const kind of PLANTED) await expect(table.getByRole("cell", { name: kind, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Top kinds over time/ })).toBeVisible();

    const row = table.locator("tbody tr").filter({ hasText: "password reset for <email>" });
    await row.getByRole("link").first().click();
    await page.waitForURL(/\/reports\/ticket-list\?.*kind=password/);
    await expect(page.getByRole("table").locator("tbody tr").first()).toContainText(/Password reset for .+@/);
  });
});
