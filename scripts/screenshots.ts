/**
 * The README's screenshots: the catalog, a report, the tech page, /queues and
 * a certificate page at desktop (1440 px) and phone (390 px) width, taken with
 * Chromium from a running Lookback on the demo data (as manager), written to
 * docs/screenshots/. A script, not a test: run it when the pages change.
 *
 *   npm start   (or any running Lookback on the demo data), then
 *   npx tsx scripts/screenshots.ts [http://localhost:3000]
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve(import.meta.dirname, "../docs/screenshots");

const PAGES = [
  { name: "catalog", path: "/" },
  { name: "report", path: "/reports/client-profitability?preset=last-month" },
  { name: "tech-page", path: "/techs/rvance" },
  { name: "queues", path: "/queues" },
  { name: "certificate", path: "/certs/1" },
] as const;

const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function main() {
  mkdirSync(out, { recursive: true });
  const executablePath =
    process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const size of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
        timezoneId: "UTC",
      });
      await context.addCookies([{ name: "lookback_role", value: "manager", url: base }]);
      const page = await context.newPage();
      for (const p of PAGES) {
        await page.goto(new URL(p.path, base).toString());
        await page.waitForLoadState("networkidle");
        await page
          .locator(".skeleton")
          .first()
          .waitFor({ state: "detached", timeout: 60_000 })
          .catch(() => {});
        // Charts measure their box after the first paint, then draw (slowly on a busy machine).
        if ((await page.locator("figure.chart").count()) > 0) {
          await page
            .locator(".recharts-surface")
            .first()
            .waitFor({ timeout: 90_000 })
            .catch(() => {});
        }
        await page.waitForTimeout(3_000);
        const file = path.join(out, `${p.name}-${size.width}.png`);
        await page.screenshot({ path: file });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
