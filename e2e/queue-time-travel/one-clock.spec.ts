import { expect, test } from "@playwright/test";

/**
 * /queues in a New York browser: one clock. Every instant field is labelled
 * with the reporting zone (the demo's LOOKBACK_TZ, UTC) and filled in it, as
 * the server rendered it, never converted to the browser's zone afterwards;
 * and an instant later than now is refused as a parameter error.
 */
test.use({ timezoneId: "America/New_York" });

const AT = "2026-01-15T15:30:00.000Z";

test("every instant field on /queues speaks the reporting zone, before and after scripts run", async ({ page }) => {
  await page.goto(`/queues?at=${encodeURIComponent(AT)}`);
  const at = page.getByLabel("Queues at (UTC)");
  await expect(at).toHaveValue("2026-01-15T15:30");
  await expect(page.getByLabel("Compare with (UTC)")).toHaveValue("2026-01-14T15:30");
  // After hydration and a moment more, nothing was rewritten to New York time (10:30).
  await page.waitForLoadState("networkidle");
  await expect(at).toHaveValue("2026-01-15T15:30");
  await expect(page.getByText(/America\/New_York/)).toHaveCount(0);
  // A value typed in the field is read in the reporting zone too.
  await at.fill("2026-01-10T08:00:00");
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL(/at=2026-01-10T08%3A00%3A00\.000Z/);
});

test("an instant later than now is a parameter error on /queues, and +1 day never passes now", async ({ page }) => {
  await page.goto("/queues?at=2099-01-01T00:00:00Z");
  await expect(page.getByRole("alert").filter({ hasText: "is in the future" })).toBeVisible();
  await page.goto("/queues?at=now");
  await page.waitForURL(/at=20/);
  const dayOn = page.getByText("+1 day", { exact: true });
  await expect(dayOn).toHaveAttribute("aria-disabled", "true");
  const response = await page.request.get("/api/reports/queue-time-travel?at=2099-01-01T00:00:00Z");
  expect(response.status()).toBe(400);
  expect(JSON.stringify(await response.json())).toContain("is in the future");
});
