import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type APIResponse, expect as baseExpect, test } from "@playwright/test";
import { actAs, type Role } from "../ui/roles";

// Charts, a thousand-row table and axe are slow on a loaded machine: generous waits, each still bounded.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 240_000 });

/**
 * axe over every page Lookback has, for every role, asserting zero
 * violations (WCAG 2.x A and AA, plus axe's best practices: landmarks,
 * heading order). A page a role may not open is checked as its 403 page.
 * No exceptions: every page, every role.
 */

const ROLES: Role[] = ["manager", "lead", "tech"];

/**
 * Every page, with parameters that give it data on the demo. `roles`: the
 * roles whose page differs (what they may see, or a 403); the others render
 * the same markup for every role and are checked once, as manager (axe on a
 * page of a thousand rows takes a while on a shared machine).
 */
const PAGES: { name: string; path: string; roles?: Role[]; before?: Before }[] = [
  { name: "catalog", path: "/", roles: ROLES },
  { name: "catalog search with no match", path: "/?q=zzzz" },
  { name: "tech-scorecard", path: "/reports/tech-scorecard?preset=last-30-days", roles: ROLES },
  { name: "queue-time-travel", path: "/reports/queue-time-travel" },
  { name: "queue-depth", path: "/reports/queue-depth?span=2" },
  { name: "queue-changes", path: "/reports/queue-changes" },
  { name: "client-profitability", path: "/reports/client-profitability?preset=last-month", roles: ROLES },
  { name: "cert-lookup", path: "/reports/cert-lookup?q=C-1" },
  { name: "cert-expiring", path: "/reports/cert-expiring" },
  { name: "ticket-volume", path: "/reports/ticket-volume?preset=last-30-days" },
  { name: "ticket-list", path: "/reports/ticket-list?preset=last-7-days" },
  { name: "audit-log", path: "/reports/audit-log?preset=last-7-days", roles: ROLES },
  { name: "recurring-work", path: "/reports/recurring-work?preset=last-30-days", roles: ROLES },
  { name: "ticket-search", path: "/reports/ticket-search?q=certificate", roles: ROLES },
  { name: "report with invalid parameters", path: "/reports/ticket-volume?from=2026-13-01&to=2026-01-31" },
  { name: "tech page", path: "/techs/rvance", roles: ROLES },
  { name: "client page", path: "/clients/A-10042?preset=last-month", roles: ROLES },
  { name: "certificates", path: "/certs" },
  { name: "certificate page", path: "/certs/1", roles: ROLES },
  { name: "queues", path: "/queues", roles: ROLES },
  // Views and subscriptions are their owner's: the role saves one first (through the API), so the page lists it.
  { name: "saved views", path: "/views", roles: ROLES, before: saveView },
  { name: "subscriptions", path: "/subscriptions", roles: ROLES, before: subscribe },
  { name: "subscription page", path: "/subscriptions/", roles: ROLES, before: subscribe },
  { name: "404 (unknown report)", path: "/reports/no-such-report" },
  { name: "404 (unknown page)", path: "/no-such-page" },
];

for (const role of ROLES) {
  test.describe(`axe as ${role}`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await actAs(context, baseURL ?? "", role);
    });
    for (const { name, path, roles = ["manager"], before } of PAGES) {
      if (!roles.includes(role)) continue;
      test(`${name} has no violations`, async ({ page }) => {
        test.setTimeout(180_000);
        const made = before ? await before(page.request, role) : undefined;
        await page.goto(path.endsWith("/") && made !== undefined ? `${path}${made}` : path);
        // Streamed results and client components settle before axe looks.
        await page.waitForLoadState("networkidle");
        await expect(page.locator(".skeleton")).toHaveCount(0);
        const { violations } = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        const found = violations.map((v) => ({
          rule: v.id,
          impact: v.impact,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
        }));
        expect(found, `${role} ${path}`).toEqual([]);
      });
    }
  });
}

type Before = (request: APIRequestContext, role: Role) => Promise<string>;

const VIEWED = "/reports/ticket-volume?preset=last-7-days";

/** Saves a view of the role's own (a report every role may run); its id. */
async function saveView(request: APIRequestContext, role: Role): Promise<string> {
  return created(await request.post("/api/views", { data: { name: `axe ${role} ${Date.now()}`, url: VIEWED } }));
}

/** A weekly mail subscription of the role's own; its id. */
async function subscribe(request: APIRequestContext, role: Role): Promise<string> {
  const data = { name: `axe ${role} ${Date.now()}`, url: VIEWED, schedule: "0 8 * * 1", email: ["ops@example.com"] };
  return created(await request.post("/api/subscriptions", { data }));
}

async function created(response: APIResponse): Promise<string> {
  expect(response.status(), await response.text()).toBe(201);
  return String(((await response.json()) as { id: number | string }).id);
}
