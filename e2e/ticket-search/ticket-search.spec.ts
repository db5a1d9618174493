import { expect, test } from "@playwright/test";

interface Hit {
  ticket_id: number;
  hit: string;
  visibility: string;
  snippet: string;
}

test.describe("ticket search on the demo data", () => {
  test("a phrase finds the comments that hold it, each linking to its ticket", async ({ page, request }) => {
    // A sentence the demo's techs write: every hit must hold the whole phrase.
    const q = '"known vendor issue"';
    const response = await request.get(`/api/reports/ticket-search?q=${encodeURIComponent(q)}`);
    expect(response.status()).toBe(200);
    const { rows } = (await response.json()) as { rows: Hit[] };
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.snippet.toLowerCase()).toContain("known vendor issue");
    // The phrase is only in internal notes: found, and labelled internal.
    expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(["internal"]));

    await page.goto(`/reports/ticket-search?q=${encodeURIComponent(q)}`);
    const hits = page.getByRole("region", { name: "Best matches" });
    await expect(hits.getByRole("listitem").first()).toContainText("Internal");
    await expect(hits.locator("mark").first()).toHaveText(/known/i);
    const first = rows[0] as Hit;
    await hits
      .getByRole("link", { name: `Ticket #${first.ticket_id}` })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/reports/ticket-list\\?.*ticket=${first.ticket_id}`));
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByRole("table").locator("tbody tr")).toContainText(String(first.ticket_id));
  });
});
