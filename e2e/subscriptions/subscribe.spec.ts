import { expect, test } from "@playwright/test";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { actAs } from "../ui/roles";

/**
 * Save a view with a filter and a relative period, find it in the catalog,
 * subscribe to it by mail, send it now and see the run listed, with the mail
 * received by a real SMTP server this spec starts (the e2e server's
 * LOOKBACK_SMTP_URL points at it: playwright.config.ts).
 */
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
const mails: ParsedMail[] = [];
let smtp: SMTPServer;

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => smtp.close(() => resolve(undefined)));
});

test("save a view, find it in the catalog, subscribe, send now, see the run", async ({ page }) => {
  // Six page loads on a busy machine: more than the default minute.
  test.setTimeout(180_000);
  // The demo data is kept between runs: a name of this run's own.
  const name = `Email queue week ${Date.now()}`;
  await page.goto("/reports/ticket-volume");
  await page.getByLabel("Period").selectOption("last-7-days");
  const queues = page.getByLabel("Queues");
  const firstQueue = await queues.locator("option").first().getAttribute("value");
  await queues.selectOption(firstQueue ?? "1");
  await page.getByRole("button", { name: "Run" }).click();
  await page.waitForURL((url) => url.searchParams.has("from") && url.searchParams.has("queue"));

  // By keyboard: Enter opens the form with the focus in its name, Escape closes it and gives the focus back.
  const saveView = page.getByRole("button", { name: "Save view" });
  await saveView.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("View name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("View name")).toHaveCount(0);
  await expect(saveView).toBeFocused();
  await saveView.click();
  await page.getByLabel("View name").fill(name);
  await expect(page.getByLabel(/Keep the period relative \(Last 7 days\)/)).toBeChecked();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.goto("/");
  const saved = page.getByRole("region", { name: "Saved views" }).getByRole("link", { name });
  await expect(saved).toHaveAttribute("href", `/reports/ticket-volume?queue=${firstQueue}&preset=last-7-days`);
  await saved.click();
  await page.waitForURL((url) => url.searchParams.has("from") && url.searchParams.get("queue") === firstQueue);

  await page.goto("/subscriptions");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Saved view").selectOption({ label: name });
  await page.getByLabel("Addresses (comma-separated)").fill("ops@example.com");
  // The time zone is typed or picked from the zones the browser knows.
  const zone = page.getByLabel("In the time zone");
  const zones = page.locator(`datalist[id="${await zone.getAttribute("list")}"]`);
  await expect(zones.locator('option[value="Europe/Berlin"]')).toHaveCount(1);
  await zone.fill("Europe/Berlin");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/subscriptions\/\d+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: "in Europe/Berlin; next:" })).toBeVisible();

  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Sent: \d+ rows\.$/ })).toBeVisible();
  const runs = page.getByRole("table", { name: "Last runs" });
  await expect(runs.locator("tbody tr")).toHaveCount(1);
  await expect(runs.locator("tbody tr").first()).toContainText("Delivered");
  await expect(runs.locator("tbody tr").first()).toContainText("send now");

  await expect.poll(() => mails.length).toBe(1);
  const mail = mails[0] as ParsedMail;
  expect(mail.subject).toContain(name);
  expect(mail.attachments.map((a) => a.filename)).toEqual(["ticket-volume.csv"]);
  const csv = mail.attachments[0]?.content.toString("utf8") ?? "";
  // Seven days in the view: a header and one line per day.
  expect(csv.trim().split("\n")).toHaveLength(8);
});

test("without a saved view, the form says where views come from, and a starter takes the focus to the form", async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, baseURL ?? "", "tech");
  // The demo tech's own views (other specs save some) go first: this is the form of someone who has none.
  const views = (await (await page.request.get("/api/views")).json()) as { mine: { id: string }[] };
  for (const view of views.mine) expect((await page.request.delete(`/api/views/${view.id}`)).status()).toBe(204);
  await page.goto("/subscriptions");
  await expect(page.getByText("No saved view yet: save one with “Save view” on any report")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create" })).toBeDisabled();
  const starter = page.getByRole("button", { name: /^Use: Certificates expiring/ });
  await starter.focus();
  await page.keyboard.press("Enter");
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue(/^Certificates expiring within 30 days/);
  await expect(page.getByRole("button", { name: "Create" })).toBeEnabled();
});
