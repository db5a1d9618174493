import { expect as baseExpect, type Page, test } from "@playwright/test";

// Charts, a thousand-row table and axe are slow on a loaded machine: generous waits, each still bounded.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, what: string, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test("a report driven by the keyboard alone: skip link, form, run, sort, page", async ({ page }) => {
  await page.goto("/reports/ticket-list?preset=last-7-days");
  await page.waitForURL(/from=/);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, (el) => el.id === "param-preset", "the Period select");
  // Type-ahead on a focused select: "L" walks the options starting with L.
  for (let i = 0; i < 6 && (await page.locator("#param-preset").inputValue()) !== "last-30-days"; i++) {
    await page.keyboard.press("l");
  }
  await expect(page.locator("#param-preset")).toHaveValue("last-30-days");
  await tabTo(page, (el) => el.tagName === "BUTTON" && el.textContent === "Run", "Run");
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.searchParams.has("from") && !url.searchParams.has("preset"));
  await expect(page.locator("#param-preset")).toHaveValue("last-30-days");
  const from = new URL(page.url()).searchParams.get("from") ?? "";
  const to = new URL(page.url()).searchParams.get("to") ?? "";
  expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);

  // Newest first before sorting; numbers sort descending first, so two presses sort the ids ascending.
  await expect(page.locator("table.results tbody tr").nth(1)).toBeVisible();
  const before = (await page.locator("table.results tbody tr td:first-child").allInnerTexts()).map(Number);
  expect(before.length).toBeGreaterThan(1);
  await tabTo(page, (el) => el.tagName === "BUTTON" && (el.textContent ?? "").startsWith("Ticket"), "the Ticket sort");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  // The table is sorted on the server: the header says so at once, the rows once the sorted page has arrived.
  await page.waitForURL((url) => url.searchParams.get("sort") === "ticket_id.asc");
  await expect(page.locator("table.results thead th").first()).toHaveAttribute("aria-sort", "ascending");
  await expect(page.locator("section.table-wrap[aria-busy]")).toHaveCount(0);
  const firstCell = page.locator("table.results tbody tr td:first-child").first();
  await expect.poll(async () => Number(await firstCell.textContent())).toBeLessThan(Math.min(...before));

  await tabTo(page, (el) => (el.textContent ?? "").trim() === "Next", "Next page");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
});
