import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { createTestSources, type TestSources } from "../../testing/databases";
import { getReport } from "../registry";
import { runReport } from "../run";
import { columnsFor, type Report } from "../types";
import { RECURRING_BILLING_FIXTURE, RECURRING_FIXTURE } from "./fixture";
import { recurringWork } from "./report";

// Where its links lead, as the app finds it: report folders do not import each other.
const ticketList = getReport("ticket-list") as Report;

const manager = demoUser("manager");
const RANGE = { from: "2026-03-02", to: "2026-03-15" };

async function kinds(raw: Record<string, unknown> = {}, user = manager) {
  const params = recurringWork.params.parse({ ...RANGE, ...raw });
  const { rows, truncated } = await runReport(recurringWork, params, { user });
  expect(truncated).toBe(false);
  return rows;
}

describe("recurring-work on the hand-made helpdesk", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: RECURRING_FIXTURE, billing: RECURRING_BILLING_FIXTURE });
    await sources.use();
  });
  afterAll(() => sources.drop());

  it("reads only the kinds a page can hold: the first two of three with a cap of 2, shares still of all", async () => {
    await sources.use({ LOOKBACK_ROW_CAP: "2" });
    try {
      const run = await runReport(recurringWork, recurringWork.params.parse(RANGE), { user: manager });
      expect(run.truncated).toBe(true);
      // Shares are of the six tickets of all three kinds, not of the five of the two shown.
      expect(run.rows.map((r) => [r.kind, r.share_pct])).toEqual([
        ["alert: nginx down on <host>", 33.33],
        ["password reset for <email>", 50],
      ]);
      // The combine itself stops at the cap and one more (to tell that more match), however many kinds there are.
      const combine = run.queries.find((q) => q.sql.includes("ORDER BY minutes DESC"));
      expect(combine?.sql).toMatch(/LIMIT \$\d+\s*$/);
      expect(combine?.parameters.at(-1)).toBe(3);
    } finally {
      delete process.env.LOOKBACK_ROW_CAP;
      await sources.use();
    }
  });

  it("gives each kind its tickets, hours, resolution and reopen rate, ranked by hours", async () => {
    const rows = await kinds();
    const expected = [
      ["alert: nginx down on <host>", 2, 33.33, 1, 100, "3.50", 20, 50, [1, 1]],
      ["password reset for <email>", 3, 50, 2, 0, "1.50", 3060, 50, [2, 1]],
      ["new ssl certificate for <host>", 1, 16.67, 1, 0, "0.33", 60, 0, [1, 0]],
    ];
    expect(
      rows.map((r) => [
        r.kind,
        r.tickets,
        r.share_pct,
        r.customers,
        r.monitoring_pct,
        r.hours,
        r.median_resolve_minutes,
        r.reopen_rate_pct,
        r.trend,
      ]),
    ).toEqual(expected);
    const reset = rows.find((r) => r.kind === "password reset for <email>");
    expect(reset).toMatchObject({
      example: "Password reset for ann.lee@acme.com",
      first_seen: new Date("2026-03-02T10:00Z"),
      last_seen: new Date("2026-03-10T09:00Z"),
      resolved: 2,
      reopened: 1,
      minutes: 90,
    });
  });

  it("costs each kind's entries for a manager, each entry at its date's rate, to the cent", async () => {
    const rows = await kinds();
    const expected = [
      ["alert: nginx down on <host>", "212.50", 0],
      ["password reset for <email>", "91.25", 0],
      ["new ssl certificate for <host>", "20.83", 0],
    ];
    expect(rows.map((r) => [r.kind, r.labor_cost, r.missing_rates])).toEqual(expected);
  });

  it("gives leads and techs no money: no cost in the rows, no cost column", async () => {
    for (const role of ["lead", "tech"] as const) {
      const rows = await kinds({}, demoUser(role));
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row).not.toHaveProperty("labor_cost");
        expect(row).not.toHaveProperty("missing_rates");
      }
      const keys = columnsFor(recurringWork, { role }).map((c) => c.key);
      expect(keys).toContain("hours");
      expect(keys).not.toContain("labor_cost");
    }
    expect(columnsFor(recurringWork, { role: "manager" }).map((c) => c.key)).toContain("labor_cost");
  });

  it("splits kinds by channel when asked", async () => {
    const rows = await kinds({ group: "channel" });
    expect(rows.filter((r) => r.kind === "password reset for <email>").map((r) => [r.group_label, r.tickets])).toEqual([
      ["email", 2],
      ["portal", 1],
    ]);
  });

  it("drills down from a kind to exactly its tickets", async () => {
    const rows = await kinds({ group: "queue" });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const href = recurringWork.drill?.(row, recurringWork.params.parse({ ...RANGE, group: "queue" })) ?? "";
      const q = new URL(href, "http://x").searchParams;
      const params = ticketList.params.parse({
        from: q.get("from"),
        to: q.get("to"),
        kind: q.get("kind"),
        queue: q.getAll("queue"),
      });
      const listed = await runReport(ticketList, params, { user: manager });
      expect(listed.rows, row.kind).toHaveLength(row.tickets);
    }
    const resets = ticketList.params.parse({ ...RANGE, kind: "password reset for <email>" });
    const listed = await runReport(ticketList, resets, { user: manager });
    expect(listed.rows.map((r) => r.ticket_id)).toEqual([3, 2, 1]);
  });
});
