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

  test("the customer field finds a customer by name, by keyboard, and keeps the choice", async ({ page, request }) => {
    // The hits of one of the demo's phrases name their customers: choose the first hit's by typing its name.
    const q = '"known vendor issue"';
    const all = (await (await request.get(`/api/reports/ticket-search?q=${encodeURIComponent(q)}`)).json()) as {
      rows: (Hit & { customer: string })[];
    };
    const name = (all.rows[0] as { customer: string }).customer;
    const theirs = all.rows.filter((r) => r.customer === name).length;
    await page.goto(`/reports/ticket-search?q=${encodeURIComponent(q)}`);
    const box = page.getByRole("combobox", { name: "Customer" });
    await box.focus();
    const answered = page.waitForResponse((r) => r.url().includes("/api/options/customer?q="));
    await box.pressSequentially(name);
    await answered;
    const option = page.getByRole("listbox", { name: "Matching customers" }).getByRole("option", { name: name });
    await expect(option.first()).toBeVisible();
    await box.press("ArrowDown");
    await box.press("Enter");
    await expect(box).toHaveValue(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(#\\d+\\)$`));
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => /^\d+$/.test(url.searchParams.get("customer") ?? ""));
    // After the reload the box names the customer, and the hits are theirs only.
    await expect(page.getByRole("combobox", { name: "Customer" })).toHaveValue(/\(#\d+\)$/);
    const hits = page.getByRole("region", { name: "Best matches" }).getByRole("listitem");
    await expect(hits.first()).toContainText(name);
    const customer = new URL(page.url()).searchParams.get("customer");
    const only = (await (
      await request.get(`/api/reports/ticket-search?q=${encodeURIComponent(q)}&customer=${customer}`)
    ).json()) as { rows: { customer: string }[] };
    expect(only.rows.length).toBeGreaterThan(0);
    expect(only.rows.length).toBeLessThanOrEqual(theirs); // fewer only if two customers share the name
    expect(new Set(only.rows.map((r) => r.customer))).toEqual(new Set([name]));
  });
});
