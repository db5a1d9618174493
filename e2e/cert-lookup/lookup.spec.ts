import { type APIRequestContext, expect, test } from "@playwright/test";

interface LookupRow {
  id: number;
  tracking: string;
  common_name: string;
  status: string;
  vendor: string;
  product_no: string;
  ticket_id: number | null;
}

/**
 * A certificate of the demo data that has billing lines: issued at some point
 * (so billed), not from the free vendor, looked up through the API the page
 * itself uses. The demo always plants Meridian Shipping Co (customer 42, with a
 * billing account); any www name is the fallback.
 */
async function billedCertificate(request: APIRequestContext): Promise<LookupRow> {
  for (const q of ["meridian", "www"]) {
    const response = await request.get(`/api/reports/cert-lookup?q=${q}`);
    expect(response.status()).toBe(200);
    const { rows } = (await response.json()) as { rows: LookupRow[] };
    const billed = rows.filter(
      (r) => r.vendor !== "Let's Encrypt" && ["issued", "installed", "expired", "revoked"].includes(r.status),
    );
    for (const row of billed.slice(0, 10)) {
      // Invoice numbers appear on a certificate's page only in its billing lines.
      const page = await request.get(`/certs/${row.id}`);
      if (/INV-/.test(await page.text())) return row;
    }
  }
  throw new Error("the demo data has no billed certificate to look up");
}

test.describe("certificate lookup", () => {
  let cert: LookupRow;

  test.beforeAll(async ({ request }) => {
    cert = await billedCertificate(request);
  });

  test("type a domain, see the row, open the certificate, see its billing line", async ({ page }) => {
    await page.goto("/certs");
    const box = page.getByLabel(/Domain, tracking number/);
    await expect(box).toBeFocused();
    // Typed as people do: upper case and a trailing dot; no Enter, the search runs as they stop typing.
    const typed = `${cert.common_name.replace(/\.$/, "").toUpperCase()}.`;
    await box.pressSequentially(typed, { delay: 20 });
    await page.waitForURL((url) => url.searchParams.get("q") === typed);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: cert.tracking, exact: true }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(/name|wildcard/);

    await row.getByRole("link", { name: cert.tracking, exact: true }).click();
    // The link carries the search, so the breadcrumb leads back to these results.
    await page.waitForURL((url) => url.pathname === `/certs/${cert.id}` && url.searchParams.get("q") === typed);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(cert.tracking);
    await expect(page.getByRole("link", { name: `Certificate lookup: “${typed}”` })).toBeVisible();
    await expect(page.getByText(cert.product_no).first()).toBeVisible();
    const billing = page.getByRole("table").filter({ hasText: `Invoice lines with product number ${cert.product_no}` });
    await expect(billing.locator("tbody tr").first()).toContainText(/INV-/);
  });

  test("the certificate page runs through the engine: 404 for a tracking number nobody has, View SQL for one", async ({
    page,
  }) => {
    for (const path of ["/certs/C-999999999", "/certs/not-a-number"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "No such certificate" })).toBeVisible();
    }
    const response = await page.goto(`/certs/${cert.tracking}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(cert.tracking);
    // The certificate, its ticket's history and its billing lines: each run's statements, one click away.
    await expect(page.getByText(/^View SQL \(\d+ statements?\)$/).first()).toBeVisible();
    await expect(page.getByText(/^View SQL/)).toHaveCount(cert.ticket_id === null ? 2 : 3);
  });

  test("the certificate's customer links to their tickets, the list's Customer field naming them", async ({
    page,
    request,
  }) => {
    await page.goto(`/certs/${cert.id}`);
    const fact = page.locator("dl.facts dt", { hasText: /^Customer$/ }).locator("xpath=following-sibling::dd[1]");
    const [, name, id] = /^(.*) \(customer (\d+)\)/.exec((await fact.textContent()) ?? "") ?? [];
    expect(name).toBeTruthy();
    await fact.getByRole("link", { name: "tickets of the last 12 months" }).click();
    await page.waitForURL((url) => url.pathname === "/reports/ticket-list" && url.searchParams.get("customer") === id);
    await expect(page.getByRole("combobox", { name: "Customer" })).toHaveValue(`${name} (#${id})`);
    const { rows } = (await (await request.get(`/api/reports/ticket-list${new URL(page.url()).search}`)).json()) as {
      rows: { customer: string }[];
    };
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.customer))).toEqual(new Set([name]));
    await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(Math.min(rows.length, 100));
  });

  test("the shared report page searches on Enter", async ({ page }) => {
    await page.goto("/reports/cert-lookup");
    await page.getByLabel("Search", { exact: true }).fill(cert.tracking.toLowerCase());
    await page.getByLabel("Search", { exact: true }).press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === cert.tracking.toLowerCase());
    const link = page.getByRole("link", { name: cert.tracking, exact: true });
    await expect(link).toBeVisible();
    await expect(page.getByRole("row").filter({ has: link })).toContainText("tracking");
  });

  test("a search that matches nothing says so once", async ({ page }) => {
    await page.goto("/certs?q=no-such-host.example.invalid");
    await expect(page.getByRole("status").filter({ hasText: "No certificate matches." })).toBeVisible();
    await expect(page.getByText("No rows: nothing in the data matches")).toHaveCount(0);
  });

  test("a 256-character query is refused, naming the search box", async ({ request }) => {
    const response = await request.get(`/api/reports/cert-lookup?q=${"a".repeat(256)}`);
    expect(response.status()).toBe(400);
    expect((await response.json()).error.issues).toEqual([{ param: "q", message: "must be at most 255 characters" }]);
  });
});
