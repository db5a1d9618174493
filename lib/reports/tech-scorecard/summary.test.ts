import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { addDaysTo } from "../../params/dates";
import { parseParams } from "../../params/parse";
import type { AnyDaySummary } from "../../summary/days";
import { daysIn } from "../../summary/days";
import type { KeptSummary } from "../../summary/refresh";
import { generatedSources, randomRanges, storeDays } from "../../summary/testing";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { SCORECARD_FIXTURE } from "./fixture";
import { SCORECARD_SETTLE_DAYS, scorecardDays } from "./query";
import { techScorecard } from "./report";

/*
 * Stored days must change nothing but the time: every range below gives the
 * same rows from the days stored in our database as from the same days
 * summarized fresh on the replica (no database of our own). On the
 * hand-made fixture (bare notes at the 30-minute edges, a reopen 14 days
 * on, London across the clock change, all in March and April 2026) and on
 * a generated history of more than a year, at random ranges (the seed is
 * printed) in UTC and in America/Chicago.
 */
const manager: User = { login: "boss", role: "manager", teamIds: [] };
const lead: User = { login: "lead", role: "lead", teamIds: [10] };

async function run(
  sources: TestSources,
  raw: Record<string, string>,
  withStore: boolean,
  timeZone: string,
  user = manager,
) {
  await sources.use({ LOOKBACK_TZ: timeZone }, { withStore });
  const parsed = parseParams(techScorecard.params, raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = await runReport(techScorecard, parsed.params, { user });
  return { rows: result.rows, fromSummary: result.summary !== undefined };
}

/** The scorecard's days only: the days other summaries compute would blur what the new rows dirty. */
const SCORECARD: readonly KeptSummary[] = [
  { summary: scorecardDays as AnyDaySummary, settleDays: SCORECARD_SETTLE_DAYS },
];
const summarize = (sources: TestSources, timeZones: string[]) => storeDays(sources, SCORECARD, timeZones);

/** Stored and fresh give the same rows; returns how many rows (a caller checks some range had any). */
async function expectSameBothWays(
  sources: TestSources,
  range: Record<string, string>,
  timeZone: string,
  user = manager,
): Promise<number> {
  const fresh = await run(sources, range, false, timeZone, user);
  const stored = await run(sources, range, true, timeZone, user);
  const label = `${range.from}..${range.to} in ${timeZone}`;
  expect(stored.fromSummary, label).toBe(true);
  expect(fresh.fromSummary, label).toBe(false);
  expect(stored.rows, label).toEqual(fresh.rows);
  return fresh.rows.length;
}

describe("tech-scorecard from stored days, over the hand-made fixture", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE }, { store: true });
    await summarize(sources, ["UTC", "Europe/London"]);
  });
  afterAll(() => sources.drop());

  const ranges = [
    { from: "2026-03-01", to: "2026-03-31" }, // March alone, whole
    { from: "2026-02-20", to: "2026-04-05" }, // days of February, March, days of April
    { from: "2026-03-23", to: "2026-04-05" }, // the fixture's own range
    { from: "2026-03-29", to: "2026-03-29" }, // one day: London's clock change
    { from: "2026-03-24", to: "2026-03-24" }, // one day
  ];
  it.each(["UTC", "Europe/London"])("gives the fresh rows, in %s", async (timeZone) => {
    let rows = 0;
    for (const range of ranges) rows += await expectSameBothWays(sources, range, timeZone);
    expect(rows).toBeGreaterThan(ranges.length);
  });

  it("gives a lead's team the same rows", async () => {
    expect(await expectSameBothWays(sources, { from: "2026-02-20", to: "2026-04-05" }, "UTC", lead)).toBeGreaterThan(0);
  });
});

describe("tech-scorecard from stored days: new rows dirty the days they touch", () => {
  let sources: TestSources;
  // 15–31 January, February, March and 1–5 April, all stored.
  const range = { from: "2026-01-15", to: "2026-04-05" };
  let annBefore: number | undefined;
  let recomputed = 0;
  let firstDay = "";
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE }, { store: true });
    await summarize(sources, ["UTC"]);
    // The history's first stored day (a day before its first act): the entry on 10 January adds the days before it.
    const [first] = (await sources.exec(
      "helpdesk",
      `SELECT (least((SELECT min(created_at) FROM ticket_comments WHERE author_id IS NOT NULL),
                     (SELECT min(at) FROM ticket_events WHERE actor_id IS NOT NULL),
                     (SELECT min(started_at) FROM time_entries)) - interval '1 day')::date::text AS first`,
    )) as { first: string }[];
    firstDay = first?.first ?? "";
    annBefore = (await run(sources, range, true, "UTC")).rows.find((r) => r.login === "ann")?.tickets_touched;
    // ann (1) on tickets 301 and 302, which she never touches in February or March: on 301 before the
    // range and in its last days, on 302 in its first days and its last. Late rows, on past days.
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES
         (901, 301, 1, '2026-01-10T10:00:00Z', 10, true, 'Before the range'),
         (902, 301, 1, '2026-04-02T10:00:00Z', 10, true, 'Late in the range'),
         (903, 302, 1, '2026-01-20T10:00:00Z', 10, true, 'Early in the range'),
         (904, 302, 1, '2026-04-03T10:00:00Z', 10, true, 'Late in the range')`,
    );
    recomputed = await summarize(sources, ["UTC"]);
  });
  afterAll(() => sources.drop());

  it("computes again only the days the new rows touch, and counts each ticket once", async () => {
    // The days the history gained (9 January, a day before the new first act, to before the old first
    // day), then each entry's own day (its ±30 minutes stay inside it) and its ticket's creation day.
    const gained = daysIn({ from: "2026-01-09", to: addDaysTo(firstDay, -1) }).length;
    expect(firstDay > "2026-01-20").toBe(true);
    expect(recomputed - gained).toBeGreaterThan(0);
    expect(recomputed - gained).toBeLessThanOrEqual(6);
    expect(await expectSameBothWays(sources, range, "UTC")).toBeGreaterThan(0);
    // 301: last touched before the range, then in April: counts once. 302: in January and April: counts once.
    const ann = (await run(sources, range, true, "UTC")).rows.find((r) => r.login === "ann");
    expect(annBefore).toBeGreaterThan(0);
    expect(ann?.tickets_touched).toBe((annBefore ?? 0) + 2);
  });
});

describe("tech-scorecard from stored days: a back-dated act", () => {
  let sources: TestSources;
  const range = { from: "2026-03-25", to: "2026-03-31" };
  let annBefore: number | undefined;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE }, { store: true });
    // ann (1) on ticket 101 on 24 March (before the range) and, stored with it, on 27 March.
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES (11, 101, 1, '2026-03-27T10:00:00Z', 10, true, 'Follow-up')`,
    );
    await summarize(sources, ["UTC"]);
    annBefore = (await run(sources, range, true, "UTC")).rows.find((r) => r.login === "ann")?.tickets_touched;
    // Then yesterday's work logged today: 26 March is her touch of 101 before the 27th's now.
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES (12, 101, 1, '2026-03-26T10:00:00Z', 10, true, 'Logged late')`,
    );
    await summarize(sources, ["UTC"]);
  });
  afterAll(() => sources.drop());

  it("computes again the day its tech next touched the ticket, so the ticket counts once", async () => {
    // 101 in the range on the 26th and the 27th: one ticket touched, as before the late entry.
    const ann = (await run(sources, range, true, "UTC")).rows.find((r) => r.login === "ann");
    expect(annBefore).toBeGreaterThan(0);
    expect(ann?.tickets_touched).toBe(annBefore);
    expect(await expectSameBothWays(sources, range, "UTC")).toBeGreaterThan(0);
  });
});

describe("tech-scorecard from stored days, over a generated history", () => {
  let sources: TestSources;
  const END = "2026-10-20";
  beforeAll(async () => {
    sources = await generatedSources(5, END);
    await summarize(sources, ["UTC", "America/Chicago"]);
  }, 600_000);
  afterAll(() => sources.drop());

  const fixed = [
    { from: "2025-10-21", to: END }, // a year
    { from: "2026-02-15", to: "2026-04-10" }, // cut mid-month at both ends
    { from: "2025-12-20", to: "2026-01-10" }, // across a year end
    { from: "2026-03-08", to: "2026-03-08" }, // one day: Chicago's clock change
    { from: "2026-11-01", to: "2026-11-01" }, // one day after the history: no rows
  ];
  // Random ranges: one day, a few weeks, or up to a year, anywhere in the history.
  const { seed, ranges: random } = randomRanges(END, 12);

  it.each(["UTC", "America/Chicago"])(
    `gives the fresh rows for every range, in %s (seed ${seed})`,
    async (timeZone) => {
      let rows = 0;
      for (const range of [...fixed, ...random]) rows += await expectSameBothWays(sources, range, timeZone);
      expect(rows).toBeGreaterThan(fixed.length + random.length);
    },
  );
});
