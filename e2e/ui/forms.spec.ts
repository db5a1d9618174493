import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "@playwright/test";
import { actAs } from "./roles";

// Charts, a thousand-row table and axe are slow on a loaded machine: generous waits, each still bounded.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

/**
 * The generated report form on the demo data: every parameter has a control
 * that keeps its value through Run, the Period select tells the truth about
 * the dates, bad input stays as typed beside its error, and each role is
 * offered only what it may see.
 */
test.describe("report forms", () => {
  test("profitability's revenue scope has a control, and Run keeps it", async ({ page }) => {
    await page.goto("/reports/client-profitability?from=2026-01-01&to=2026-01-31&scope=all");
    const scope = page.locator("#param-scope");
    await expect(scope).toHaveValue("all");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL(
      (url) => url.searchParams.get("scope") === "all" && url.searchParams.get("from") === "2026-01-01",
    );
    await expect(page.locator("#param-scope")).toHaveValue("all");
    await scope.selectOption("support");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => url.searchParams.get("scope") === "support");
    await expect(page.locator("#param-scope")).toHaveValue("support");
  });

  test("after a preset runs, the Period select shows it; typed dates switch it to Custom dates", async ({ page }) => {
    await page.goto("/reports/ticket-volume");
    await page.getByLabel("Period").selectOption("last-month");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => url.searchParams.has("from") && !url.searchParams.has("preset"));
    const url = new URL(page.url());
    expect(url.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-01$/);
    await expect(page.getByLabel("Period")).toHaveValue("last-month");
    // The server's page already shows the preset; typing before the form has hydrated changes nothing,
    // so the typing is repeated until the form answers it (it must, within the test's time).
    await expect(async () => {
      await page.getByLabel("From", { exact: true }).fill("2026-01-02");
      await expect(page.getByLabel("Period")).toHaveValue("", { timeout: 1_000 });
    }).toPass();
    // Choosing a preset again writes its dates into the fields.
    await page.getByLabel("Period").selectOption("last-month");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue(url.searchParams.get("from") ?? "");
  });

  test("a preset sent beside other typed dates is refused, naming both, and nothing runs", async ({ page }) => {
    await page.goto("/reports/ticket-volume?preset=last-month&from=2020-01-01&to=2020-01-31");
    await expect(page.getByRole("alert").filter({ hasText: "Last month is" })).toContainText(
      'the dates typed say 2020-01-01 to 2020-01-31: choose "Custom dates"',
    );
    await expect(page.getByLabel("Period")).toHaveValue("last-month");
    await expect(page.locator("table.results")).toHaveCount(0);
  });

  test("a bad date stays as typed beside its error; a too long range says how far To may go", async ({ page }) => {
    await page.goto("/reports/ticket-volume?from=2026-13-01&to=2026-01-31");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-13-01");
    await expect(page.getByRole("alert").filter({ hasText: "From must be a date written YYYY-MM-DD" })).toBeVisible();
    await page.goto("/reports/ticket-volume?from=2020-01-01&to=2024-01-01");
    await expect(page.getByRole("alert").filter({ hasText: "To must be on or before 2023-01-02" })).toContainText(
      "a range spans at most 1098 days",
    );
  });

  test("money shows two decimals in every cell and total", async ({ page }) => {
    await page.goto("/reports/client-profitability?preset=last-month");
    await page.waitForURL(/from=/);
    const table = page.locator("table.results");
    await expect(table).toBeVisible();
    const index = await table
      .locator("thead tr")
      .first()
      .locator("th")
      .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.includes("Labor cost")));
    expect(index).toBeGreaterThanOrEqual(0);
    const cells = await table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.trim()).toMatch(/^−?\d{1,3}(,\d{3})*\.\d{2}$/);
    const total = (await table.locator(`tfoot td:nth-child(${index + 1})`).textContent()) ?? "";
    expect(total.trim()).toMatch(/^−?\d{1,3}(,\d{3})*\.\d{2}$/);
  });

  test("a lead is offered only their team and its techs; a tech only themselves", async ({
    page,
    context,
    baseURL,
  }) => {
    // Teams are a select; techs a search box whose matches come from /api/options/tech, cut by role.
    const options = async () => {
      await page.locator("#param-tech").focus();
      const listed = page.getByRole("listbox", { name: "Matching techs" }).getByRole("option");
      await expect(listed.first()).toBeVisible();
      return {
        teams: await page.locator("#param-team option").allInnerTexts(),
        techs: await listed.allInnerTexts(),
        more: await page.getByText("More match").isVisible(),
      };
    };
    const found = async (q: string) => {
      const r = await page.request.get(`/api/options/tech?q=${encodeURIComponent(q)}`);
      expect(r.status()).toBe(200);
      return ((await r.json()) as { options: { label: string }[] }).options.map((o) => o.label);
    };
    await page.goto("/reports/tech-scorecard");
    const manager = await options();
    await actAs(context, baseURL ?? "", "lead");
    await page.goto("/reports/tech-scorecard");
    const lead = await options();
    // The demo lead leads team 1, Team X, now called N-1.
    expect(lead.teams).toEqual(["Any team", expect.stringMatching(/^N-1 \(was .*Team X/)]);
    // The demo's 40 techs are more than one search answers.
    expect(manager.more).toBe(true);
    expect(lead.techs.length).toBeGreaterThan(1);
    // Searched by full name, the lead finds some of the manager's techs (their team's) and not the others.
    const leadFinds = [];
    for (const t of manager.techs) leadFinds.push((await found(t)).includes(t));
    expect(leadFinds).toContain(true);
    expect(leadFinds).toContain(false);
    await actAs(context, baseURL ?? "", "tech");
    await page.goto("/reports/tech-scorecard");
    const tech = await options();
    // The demo tech is helpdesk tech 1, rvance: no colleague's name anywhere in the form or its search.
    expect(tech.techs).toEqual([expect.stringContaining("(rvance)")]);
    expect(await found("")).toEqual(tech.techs);
  });

  test("what each field means opens by keyboard, where a tooltip needs a mouse", async ({ page }) => {
    await page.goto("/reports/ticket-search?q=printer");
    const help = page.getByRole("group").filter({ has: page.locator("summary", { hasText: "About these fields" }) });
    const customer = help.getByRole("definition").filter({ hasText: /^Only tickets of this customer/ });
    await expect(customer).toBeHidden();
    await help.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(customer).toBeVisible();
    // Each term is a field's own label, with the tooltip's words.
    const title = await page.getByRole("combobox", { name: "Customer" }).getAttribute("title");
    expect(await customer.textContent()).toBe(title);
    await expect(help.getByRole("term")).toHaveText([
      "Search",
      "From",
      "To",
      "Queues",
      "Customer",
      "Tech",
      "Visibility",
    ]);
  });

  test("the tech search works by keyboard, keeps its choice through Run, and empties to any tech", async ({ page }) => {
    await page.goto("/reports/tech-scorecard?preset=last-30-days");
    const box = page.getByRole("combobox", { name: "Tech" });
    await box.focus();
    await box.pressSequentially("vance");
    const option = page.getByRole("option", { name: /\(rvance\)/ });
    await expect(option).toBeVisible();
    await expect(page.getByRole("listbox", { name: "Matching techs" }).getByRole("option")).toHaveCount(1);
    // The open list passes axe too: a combobox, its listbox and the status line.
    const { violations } = await new AxeBuilder({ page })
      .include(".param-form")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
    await box.press("ArrowDown");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id")) ?? "");
    await box.press("Enter");
    await expect(box).toHaveValue(/\(rvance\)/);
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => url.searchParams.get("tech") === "1");
    await expect(page.getByRole("combobox", { name: "Tech" })).toHaveValue(/\(rvance\)/);
    // Escape puts back the chosen name; an emptied box is any tech again.
    await box.fill("zzz");
    await box.press("Escape");
    await expect(box).toHaveValue(/\(rvance\)/);
    // Enter with nothing highlighted takes the first match once the list is for what was typed.
    await box.fill("");
    const answered = page.waitForResponse((r) => r.url().includes("/api/options/tech?q=vanc"));
    await box.pressSequentially("vanc");
    await answered;
    await expect(page.getByRole("listbox", { name: "Matching techs" }).getByRole("option")).toHaveCount(1);
    await box.press("Enter");
    await expect(box).toHaveValue(/\(rvance\)/);
    await box.fill("");
    await page.getByRole("button", { name: "Run" }).click();
    await page.waitForURL((url) => url.searchParams.get("tech") === null);
    await expect(page.getByRole("combobox", { name: "Tech" })).toHaveValue("");
  });
});

test.describe("one clock", () => {
  test.use({ timezoneId: "America/New_York" });

  test("instants read in the reporting zone (UTC on the demo) in a New York browser, named on fields", async ({
    page,
  }) => {
    await page.goto("/reports/queue-depth?at=2026-01-15T12:00:00Z&span=1");
    await expect(page.getByLabel("Up to (UTC)")).toHaveValue(/^2026-01-15T12:00/);
    await page.goto("/reports/ticket-list?preset=last-30-days");
    await page.waitForURL(/from=/);
    const first = page.locator("table.results tbody tr").first().locator("time").first();
    await expect(first).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}( UTC)?$/);
    // The text is the instant in UTC, not in New York, after hydration as before it.
    const iso = await first.getAttribute("datetime");
    expect(iso).not.toBeNull();
    expect(((await first.textContent()) ?? "").slice(0, 16)).toBe(`${iso?.slice(0, 10)} ${iso?.slice(11, 16)}`);
  });
});
