import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { demoUser } from "../../auth/session";
import { rangeInstants } from "../../params/dates";
import { parseParams } from "../../params/parse";
import type { AnyDaySummary } from "../../summary/days";
import { type KeptSummary, refreshSummaries } from "../../summary/refresh";
import { generatedSources, storeDays, testRanges } from "../../summary/testing";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { RECURRING_BILLING_FIXTURE, RECURRING_FIXTURE } from "./fixture";
import { RECURRING_SETTLE_DAYS, recurringDays } from "./query";
import { recurringWork } from "./report";

/*
 * Stored days must change nothing but the time: every range below gives the
 * same rows (every column, labor cost included) from the days stored in our
 * database as from the same days summarized fresh on the replica (no
 * database of our own). On the hand-made fixture, after late rows (a time
 * entry, a reopen) dirty the days of their tickets, and on a generated
 * history of more than a year at seeded random ranges (the seed is printed),
 * in UTC and America/Chicago, for a manager and a lead, split three ways.
 */
const manager = demoUser("manager");
const lead: User = demoUser("lead");
/** Recurring work's days only: the days other summaries compute would blur what the new rows dirty. */
const ONLY_RECURRING: readonly KeptSummary[] = [
  { summary: recurringDays as AnyDaySummary, settleDays: RECURRING_SETTLE_DAYS },
];

async function run(
  sources: TestSources,
  raw: Record<string, string>,
  withStore: boolean,
  timeZone: string,
  user: User,
) {
  await sources.use({ LOOKBACK_TZ: timeZone }, { withStore });
  const parsed = parseParams(recurringWork.params, raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = await runReport(recurringWork, parsed.params, { user, cap: 100_000 });
  return { rows: result.rows, fromSummary: result.summary !== undefined };
}

const summarize = (sources: TestSources, timeZones: string[]) => storeDays(sources, ONLY_RECURRING, timeZones);

/** Stored and fresh give the same rows; returns them. */
async function expectSameBothWays(
  sources: TestSources,
  range: Record<string, string>,
  timeZone: string,
  user = manager,
): Promise<Record<string, unknown>[]> {
  const fresh = await run(sources, range, false, timeZone, user);
  const stored = await run(sources, range, true, timeZone, user);
  const label = `${JSON.stringify(range)} in ${timeZone} as ${user.role}`;
  expect(stored.fromSummary, label).toBe(true);
  expect(fresh.fromSummary, label).toBe(false);
  expect(stored.rows, label).toEqual(fresh.rows);
  return fresh.rows;
}

describe("recurring-work from stored days, over the hand-made fixture", () => {
  let sources: TestSources;
  let recomputed = 0;
  beforeAll(async () => {
    sources = await createTestSources(
      { helpdesk: RECURRING_FIXTURE, billing: RECURRING_BILLING_FIXTURE },
      { store: true },
    );
    await summarize(sources, ["UTC", "Europe/London"]);
  });
  afterAll(() => sources.drop());

  const ranges = [
    { from: "2026-03-02", to: "2026-03-15" }, // the fixture's range
    { from: "2026-02-20", to: "2026-03-31" }, // days of February and March
    { from: "2026-03-02", to: "2026-03-10" }, // cuts tickets' later entries off
    { from: "2026-03-04", to: "2026-03-04" }, // one day
  ];
  it.each(["UTC", "Europe/London"])("gives the fresh rows, split every way, in %s", async (timeZone) => {
    let rows = 0;
    for (const range of ranges)
      for (const group of ["none", "queue", "channel"])
        for (const user of [manager, lead])
          rows += (await expectSameBothWays(sources, { ...range, group }, timeZone, user)).length;
    expect(rows).toBeGreaterThan(ranges.length * 6);
  });

  it("gives the hand-worked numbers from stored days", async () => {
    const rows = await run(sources, { from: "2026-03-02", to: "2026-03-15" }, true, "UTC", manager);
    expect(rows.fromSummary).toBe(true);
    expect(rows.rows.map((r) => [r.kind, r.tickets, r.hours, r.labor_cost, r.median_resolve_minutes])).toEqual([
      ["alert: nginx down on <host>", 2, "3.50", "212.50", 20],
      ["password reset for <email>", 3, "1.50", "91.25", 3060],
      ["new ssl certificate for <host>", 1, "0.33", "20.83", 60],
    ]);
  });

  it("computes a ticket's creation day again when a late time entry or a reopen arrives", async () => {
    const range = { from: "2026-03-02", to: "2026-03-31" };
    const before = await expectSameBothWays(sources, range, "UTC");
    // Ticket 6 (created 03-05): 40 minutes on 03-25; ticket 5 (03-11) reopened on 03-28 (16 days after
    // its resolve: too late to count), ticket 6 reopened on 03-06 (a day after its resolve: counts).
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES (10, 6, 2, '2026-03-25T10:00Z', 40, true, 'late');
       INSERT INTO ticket_events (id, ticket_id, at, actor_id, field, old_value, new_value) VALUES
         (100, 5, '2026-03-28T00:30Z', NULL, 'status', 'closed', 'open'),
         (101, 6, '2026-03-06T13:00Z', NULL, 'status', 'resolved', 'open')`,
    );
    await sources.use({ LOOKBACK_TZ: "UTC" });
    recomputed = (await refreshSummaries(ONLY_RECURRING, { timeZone: "UTC" })).computed;
    expect(recomputed).toBe(2); // 03-05 and 03-11, nothing else
    const after = await expectSameBothWays(sources, range, "UTC");
    const ssl = (rows: Record<string, unknown>[]) => rows.find((r) => r.kind === "new ssl certificate for <host>");
    expect(ssl(before)).toMatchObject({ minutes: 20, reopened: 0 });
    expect(ssl(after)).toMatchObject({ minutes: 60, reopened: 1, reopen_rate_pct: 100 });
  });
});

describe("recurring-work from stored days, over a generated history", () => {
  let sources: TestSources;
  const END = "2026-10-20";
  beforeAll(async () => {
    sources = await generatedSources(7, END);
    await summarize(sources, ["UTC", "America/Chicago"]);
  }, 600_000);
  afterAll(() => sources.drop());

  const seed = Number(process.env.SUMMARY_TEST_SEED ?? Date.now() % 1_000_000);
  const groups = ["none", "queue", "channel"];
  const ranges = testRanges(END, seed, 9).map((r, i) => ({ ...r, group: groups[i % 3] as string }));

  it.each(["UTC", "America/Chicago"])(
    `gives the fresh rows for every range, and its kinds add up to all tickets and hours, in %s (seed ${seed})`,
    async (timeZone) => {
      for (const range of ranges) {
        const rows = await expectSameBothWays(sources, range, timeZone);
        const { start, end } = rangeInstants(range.from, range.to, timeZone);
        const [all] = (await sources.exec(
          "helpdesk",
          `SELECT (SELECT count(*)::int FROM tickets WHERE created_at >= $1 AND created_at < $2) AS tickets,
                  (SELECT coalesce(sum(e.minutes), 0)::int FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
                    WHERE t.created_at >= $1 AND t.created_at < $2 AND e.started_at >= $1 AND e.started_at < $2) AS minutes`,
          [start, end],
        )) as { tickets: number; minutes: number }[];
        const label = `${range.from}..${range.to} in ${timeZone}`;
        expect(
          rows.reduce((n, r) => n + (r.tickets as number), 0),
          label,
        ).toBe(all?.tickets);
        expect(
          rows.reduce((n, r) => n + (r.minutes as number), 0),
          label,
        ).toBe(all?.minutes);
      }
      const year = await run(sources, ranges[0] as Record<string, string>, true, timeZone, lead);
      expect(year.rows.length).toBeGreaterThan(3);
    },
  );
});
