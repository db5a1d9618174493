import type { BrowserContext } from "@playwright/test";

export type Role = "manager" | "lead" | "tech";

/** The demo role as the switcher sets it (its cookie), without a round trip through the switcher. */
export async function actAs(context: BrowserContext, baseURL: string, role: Role): Promise<void> {
  await context.addCookies([{ name: "lookback_role", value: role, url: baseURL }]);
}
