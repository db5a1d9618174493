import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { generateDemo } from "../../demo/generate";
import { createTestSources, type TestSources } from "../../testing/databases";
import { getReport } from "../registry";
import { runReport } from "../run";
import type { Report } from "../types";
import { recurringWork } from "./report";

// Where its links lead, as the app finds it: report folders do not import each other.
const ticketList = getReport("ticket-list") as Report;

/**
 * Recurring work on the demo generator's data at a small scale: the kinds
 * partition the tickets of the range (their counts and hours add up to the
 * range's), each kind's drill-down lists exactly its tickets, and the three
 * planted kinds are there.
 */
const END = "2026-11-20";
const RANGE = { from: "2026-08-22", to: "2026-11-19" };
const manager = demoUser("manager");

describe("recurring-work on generated data", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources();
    await generateDemo({
      helpdeskUrl: sources.helpdeskUrl,
      billingUrl: sources.billingUrl,
      scale: 0.03,
      seed: 1,
      endDate: END,
      checksums: false,
    });
    await sources.use();
  }, 240_000);
  afterAll(() => sources.drop());

  it("splits every ticket and every hour of the range into kinds, each drilling down to exactly its tickets", async () => {
    const params = recurringWork.params.parse(RANGE);
    const { rows } = await runReport(recurringWork, params, { user: manager });
    const [all] = (await sources.exec(
      "helpdesk",
      `SELECT (SELECT count(*)::int FROM tickets WHERE created_at >= $1 AND created_at < $2) AS tickets,
              (SELECT coalesce(sum(e.minutes), 0)::int FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
                WHERE t.created_at >= $1 AND t.created_at < $2 AND e.started_at >= $1 AND e.started_at < $2) AS minutes`,
      ["2026-08-22T00:00Z", "2026-11-20T00:00Z"],
    )) as { tickets: number; minutes: number }[];
    expect(all?.tickets).toBeGreaterThan(100);
    expect(rows.reduce((n, r) => n + r.tickets, 0)).toBe(all?.tickets);
    expect(rows.reduce((n, r) => n + r.minutes, 0)).toBe(all?.minutes);

    const listed = new Set<number>();
    for (const row of rows) {
      const q = new URL(recurringWork.drill?.(row, params) ?? "", "http://x").searchParams;
      const list = await runReport(
        ticketList,
        ticketList.params.parse({ from: q.get("from"), to: q.get("to"), kind: q.get("kind") }),
        { user: manager, cap: 100_000 },
      );
      expect(list.rows.length, row.kind).toBe(row.tickets);
      for (const t of list.rows) listed.add(Number(t.ticket_id));
    }
    expect(listed.size).toBe(all?.tickets);

    const planted = [
      "alert: nginx down on <host> (<ip>)",
      "new ssl certificate for <host>",
      "password reset for <email>",
    ];
    const top = rows.slice(0, 10).map((r) => r.kind);
    for (const kind of planted) expect(top, kind).toContain(kind);
  });
});
