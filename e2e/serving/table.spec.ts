import { expect, type Page, test } from "@playwright/test";

/**
 * The result table's state is in the URL and the server answers one page of
 * it: a link with sort, filter, a hidden column and page 3 shows the same
 * rows to whoever opens it, and "Export CSV" exports that view.
 */
// Several round trips to the server, each a new page of the view: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

const rowsOf = (page: Page) => page.getByRole("table").locator("tbody tr").allInnerTexts();

test("a shared link with sort, filter, a hidden column and page 3 shows the same rows", async ({ page, browser }) => {
  await page.goto("/reports/ticket-list?preset=last-30-days");
  await page.waitForURL(/from=/);
  // Sort by ticket number (numbers sort descending first), then keep email tickets only.
  await page.getByRole("button", { name: "Ticket", exact: true }).click();
  await page.waitForURL(/sort=ticket_id\.desc/);
  await page.getByLabel("Filter Channel").fill("email");
  await page.waitForURL(/filter=channel%3Aemail|filter=channel:email/);
  // Hide the subject.
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Subject" }).uncheck();
  await page.waitForURL(/hide=subject/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("checkbox", { name: "Subject" })).toBeHidden();
  await page.getByLabel("Rows per page").selectOption("50");
  await page.waitForURL(/pageSize=50/);
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/page=2/);
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/page=3/);
  await expect(page.getByText("Page 3 of")).toBeVisible();
  // The pager moves at once; the rows follow when the server's page arrives.
  await expect(page.locator("section.table-wrap[aria-busy]")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Subject" })).toHaveCount(0);
  const rows = await rowsOf(page);
  expect(rows.length).toBe(50);
  // Page 3 of the view: every row is an email ticket, in descending ticket order, below page 2's.
  const ids = rows.map((r) => Number(r.split("\t")[0]));
  expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  for (const r of rows) expect(r).toContain("email");

  const other = await browser.newPage();
  await other.goto(page.url());
  await expect(other.getByText("Page 3 of")).toBeVisible();
  await expect(other.getByRole("columnheader", { name: "Subject" })).toHaveCount(0);
  await expect(other.getByLabel("Filter Channel")).toHaveValue("email");
  expect(await rowsOf(other)).toEqual(rows);
  await other.close();
});

test("Export CSV exports the filtered view: its rows, sort and visible columns, labels as the header", async ({
  page,
}) => {
  await page.goto("/reports/ticket-list?preset=last-7-days&filter=channel:phone&sort=ticket_id.asc&hide=subject");
  await page.waitForURL(/from=/);
  const counted = await page.getByText(/ of [\d,]+ rows match the filters/).textContent();
  const matching = Number(counted?.split(" of ")[0]?.replaceAll(",", ""));
  expect(matching).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV", exact: true }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  });
  const lines = csv.trimEnd().split("\n");
  // The header is the table's visible column labels, in order: no Subject.
  const labels = await page.locator("table.results thead tr:first-child th button").allInnerTexts();
  expect(labels.length).toBeGreaterThan(0);
  expect(lines[0]).toBe(labels.map((l) => l.replace(/ [▲▼]$/, "")).join(","));
  expect(lines[0]).not.toContain("Subject");
  expect(lines.length - 1).toBe(matching);
  const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  for (const line of lines.slice(1)) expect(line).toContain(",phone,");
});

test("a CSV export of a report id that is not one answers 404, also for a malformed escape", async ({ request }) => {
  const malformed = await request.get("/api/reports/%E0?format=csv");
  expect(malformed.status()).toBe(404);
  expect((await malformed.json()).error.code).toBe("not_found");
  expect((await request.get("/api/reports/no-such-report?format=csv")).status()).toBe(404);
});
