import { expect, test } from "@playwright/test";

/**
 * On a phone (390 px) a page never scrolls sideways: a wide table scrolls in
 * its own region, form fields shrink to the screen. Each page below once did.
 */
test.use({ viewport: { width: 390, height: 844 } });

test("pages fit a phone's width: wide tables scroll on their own", async ({ page }) => {
  test.slow(); // four pages with their results
  const lookup = await page.request.get("/api/reports/cert-lookup?q=meridian");
  const billed = ((await lookup.json()).rows as { id: number }[])[0];
  expect(billed, "the demo's Meridian has certificates (billed ones)").toBeDefined();
  for (const path of [
    "/reports/tech-scorecard?preset=last-30-days", // the tech picker
    "/techs/rvance?preset=last-30-days", // the table beside the team
    `/certs/${billed?.id}`, // the billing lines
    "/",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, `${path} is ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
  }
});

test("a picker's matches stay on a phone's screen, long names wrapping", async ({ page }) => {
  await page.goto("/reports/ticket-search?q=printer");
  const box = page.getByRole("combobox", { name: "Customer" });
  await box.click();
  await box.pressSequentially("meridian");
  const option = page.getByRole("option", { name: /^Meridian Shipping Co \(#\d+\)$/ });
  await expect(option).toBeVisible();
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `the page is ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
  const right = await option.evaluate((o) => o.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(client);
});
