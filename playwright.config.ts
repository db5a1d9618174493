import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive a real Chromium against the production build on the
 * embedded demo database, started exactly as `npm start` starts it (its own
 * port and data folder, so a running Lookback is left alone).
 * The browser: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium,
 * else one Playwright already has.
 */
const PORT = Number(process.env.E2E_PORT ?? 3123);
const chromium =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "on-first-retry",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  webServer: {
    command: "npx tsx --conditions=react-server scripts/start.ts",
    url: `http://localhost:${PORT}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      LOOKBACK_EMBEDDED_PORT: process.env.E2E_PG_PORT ?? "54331",
      LOOKBACK_DATA_DIR: ".data/e2e-pg",
      NEXT_TELEMETRY_DISABLED: "1",
      // Ticket numbers link to this (e2e/tech-page, e2e/client-page); nothing else depends on it.
      LOOKBACK_TICKET_URL: "https://helpdesk.example.com/tickets/{id}",
      // Subscriptions mail to the SMTP server e2e/subscriptions starts; nothing else sends mail.
      LOOKBACK_SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 2525}`,
      LOOKBACK_MAIL_DOMAINS: "example.com",
    },
  },
});
