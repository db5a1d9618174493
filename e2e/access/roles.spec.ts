import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

/**
 * Who may see what, in the browser, on the demo data (demo mode: the role
 * switcher). The demo lead leads team 1; the demo tech is helpdesk tech 1
 * (rvance). The same rules are checked per report and role through the API
 * in lib/auth/access.test.ts; here they are checked where people meet them.
 */
async function actAs(page: Page, role: "manager" | "lead" | "tech") {
  await page.goto("/");
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByRole("note")).toContainText(`You are viewing as ${role}`);
}

interface ScorecardRow {
  login: string;
  team: string | null;
}

async function scorecard(request: APIRequestContext): Promise<ScorecardRow[]> {
  const res = await request.get("/api/reports/tech-scorecard?preset=last-30-days");
  expect(res.status()).toBe(200);
  return (await res.json()).rows;
}

/** Who may open which report (the same table as lib/auth/access.test.ts, which checks it through the API). */
const POLICY: Record<string, ("manager" | "lead" | "tech")[]> = {
  "tech-scorecard": ["manager", "lead", "tech"],
  "queue-time-travel": ["manager", "lead", "tech"],
  "queue-depth": ["manager", "lead", "tech"],
  "queue-changes": ["manager", "lead", "tech"],
  "cert-lookup": ["manager", "lead", "tech"],
  "cert-expiring": ["manager", "lead", "tech"],
  "client-profitability": ["manager"],
  "audit-log": ["manager"],
  "ticket-volume": ["manager", "lead", "tech"],
  "ticket-list": ["manager", "lead", "tech"],
};

test.describe("roles on the demo data", () => {
  for (const role of ["manager", "lead", "tech"] as const) {
    test(`as ${role}, each report page opens or answers 403 as the policy says`, async ({ page }) => {
      await actAs(page, role);
      for (const [id, roles] of Object.entries(POLICY)) {
        const response = await page.goto(`/reports/${id}`);
        const allowed = roles.includes(role);
        expect(response?.status(), `${id} as ${role}`).toBe(allowed ? 200 : 403);
        await expect(page.getByRole("heading", { name: "Not for your role" })).toHaveCount(allowed ? 0 : 1);
      }
    });
  }

  test("the page says it is in demo mode and lets a visitor switch roles", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("note")).toContainText("Demo mode: no sign-in is configured");
    await actAs(page, "lead");
    await expect(page.getByRole("note")).toContainText("leading team 1");
    await actAs(page, "manager");
  });

  test("a lead does not see money or the audit log: not in the catalog, 403 on the page and in the API", async ({
    page,
  }) => {
    await actAs(page, "lead");
    await expect(page.getByRole("link", { name: "Tech scorecards" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Client profitability" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    const response = await page.goto("/reports/client-profitability");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    expect((await page.request.get("/api/reports/client-profitability")).status()).toBe(403);
    expect((await page.request.get("/api/reports/client-profitability?format=csv")).status()).toBe(403);
    expect((await page.request.get("/api/reports/audit-log")).status()).toBe(403);
  });

  test("a lead's scorecard holds exactly the manager's rows of the lead's team", async ({ page }) => {
    await actAs(page, "manager");
    const all = await scorecard(page.request);
    await actAs(page, "lead");
    const mine = await scorecard(page.request);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    const teams = new Set(mine.map((r) => r.team));
    expect(teams.size).toBe(1);
    const team = [...teams][0];
    expect(mine.map((r) => r.login).sort()).toEqual(
      all
        .filter((r) => r.team === team)
        .map((r) => r.login)
        .sort(),
    );
    await page.goto("/reports/tech-scorecard?preset=last-30-days");
    await page.waitForURL(/from=/);
    await expect(page.getByTestId("run-facts")).toContainText(`${mine.length} rows`);
  });

  test("a tech sees their own scorecard row and nobody else's", async ({ page }) => {
    await actAs(page, "tech");
    const rows = await scorecard(page.request);
    expect(rows.map((r) => r.login)).toEqual(["rvance"]);
    expect((await page.request.get("/api/reports/cert-lookup?q=example")).status()).toBe(200);
    expect((await page.request.get("/api/reports/queue-time-travel")).status()).toBe(200);
    expect((await page.goto("/reports/client-profitability"))?.status()).toBe(403);
  });

  test("a manager sees in the audit log who ran what, from the page and the API", async ({ page }) => {
    await actAs(page, "lead");
    await page.goto("/reports/ticket-volume?preset=last-7-days");
    await page.waitForURL(/from=/);
    await expect(page.getByRole("table")).toBeVisible();
    await page.request.get("/api/reports/ticket-volume?preset=last-7-days&format=csv");
    await page.goto("/reports/client-profitability");
    // The certificate search page with a status that does not exist: the page says what to fix, the log says so.
    await page.goto("/certs?q=example&status=bogus");
    await expect(page.locator("#cert-q-error")).toContainText("status must be one of");
    await actAs(page, "manager");
    const res = await page.request.get("/api/reports/audit-log?preset=today&user=demo-lead");
    expect(res.status()).toBe(200);
    const rows: { what: string; via: string; outcome: string; login: string }[] = (await res.json()).rows;
    // Newest first: the search to fix, the refused page, the CSV export, the page run.
    const seen = rows.slice(0, 4).map((r) => [r.what, r.via, r.outcome]);
    expect(seen).toEqual([
      ["cert-lookup", "page", "invalid"],
      ["client-profitability", "page", "forbidden"],
      ["ticket-volume", "csv", "ok"],
      ["ticket-volume", "page", "ok"],
    ]);
    await page.goto("/reports/audit-log?preset=today&user=demo-lead");
    await expect(page.getByRole("table")).toContainText("client-profitability");
  });
});

test.describe("hardening", () => {
  test("pages carry a nonce-based Content-Security-Policy that lets the app run, with no violations", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/reports/ticket-volume?preset=last-30-days");
    await page.waitForURL(/from=/);
    const csp = (await page.request.get(page.url())).headers()["content-security-policy"] ?? "";
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Hydrated: the table's client-side filter works, so the scripts ran.
    await page.getByLabel("Filter Day").fill("2");
    await expect(page.getByRole("table")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the role switcher refuses an unknown role, and errors never show internals", async ({ request }) => {
    const bad = await request.post("/api/role", { form: { role: "admin" } });
    expect(bad.status()).toBe(400);
    const hostile = await request.get("/api/reports/ticket-volume?from=2026-01-01%27%3B%20DROP%20TABLE%20tickets%3B--");
    expect(hostile.status()).toBe(400);
    const body = await hostile.text();
    expect(body).toContain('"param":"from"');
    expect(body).not.toMatch(/postgres:\/\/|SQLSTATE|at .*\.(ts|js):\d+/);
  });
});
