import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { parseParams } from "../../params/parse";
import { refreshSummaries } from "../../summary/refresh";
import { generatedSources } from "../../summary/testing";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { SCORECARD_FIXTURE } from "./fixture";
import { techScorecard } from "./index";

/*
 * The monthly summary must change nothing but the time: every range below
 * gives the same rows with whole closed months read from the summary as from
 * the replica alone. On the hand-made fixture (bare notes at the 30-minute
 * edges, a reopen 14 days on, London across the clock change, all in March
 * and April 2026) and on a generated history of more than a year.
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

async function summarize(sources: TestSources, timeZones: string[]) {
  for (const timeZone of timeZones) {
    await sources.use({ LOOKBACK_TZ: timeZone });
    const result = await refreshSummaries({ timeZone });
    expect(result.failed).toBe(0);
  }
}

async function expectSameBothWays(
  sources: TestSources,
  range: Record<string, string>,
  timeZone: string,
  { user = manager, fromSummary = true } = {},
) {
  const live = await run(sources, range, false, timeZone, user);
  const summarized = await run(sources, range, true, timeZone, user);
  const label = `${range.from}..${range.to} in ${timeZone}`;
  expect(live.rows.length, label).toBeGreaterThan(0);
  expect(summarized.fromSummary, label).toBe(fromSummary);
  expect(summarized.rows, label).toEqual(live.rows);
}

describe("tech-scorecard from the monthly summary, over the hand-made fixture", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE }, { store: true });
    await summarize(sources, ["UTC", "Europe/London"]);
  });
  afterAll(() => sources.drop());

  const ranges = [
    { from: "2026-03-01", to: "2026-03-31" }, // March alone, whole
    { from: "2026-02-20", to: "2026-04-05" }, // days of February, March, days of April
    { from: "2026-03-01", to: "2026-04-03" }, // March and the first days of April (the reopen's 14 days)
    { from: "2026-02-01", to: "2026-04-30" }, // three whole months
  ];
  it.each(["UTC", "Europe/London"])("gives the replica's rows, in %s", async (timeZone) => {
    for (const range of ranges) await expectSameBothWays(sources, range, timeZone);
  });

  it("reads a few techs (a lead's team) from the replica, where one pass per tech is fast", async () => {
    await expectSameBothWays(sources, { from: "2026-02-20", to: "2026-04-05" }, "UTC", {
      user: lead,
      fromSummary: false,
    });
  });
});

describe("tech-scorecard from the monthly summary: a ticket touched on both sides of the summarized months", () => {
  let sources: TestSources;
  // Range: 15–31 January from the replica, February and March from the summary, 1–5 April from the replica.
  const range = { from: "2026-01-15", to: "2026-04-05" };
  let annBefore: number | undefined;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE }, { store: true });
    annBefore = (await run(sources, range, false, "UTC")).rows.find((r) => r.login === "ann")?.tickets_touched;
    // ann (1) on tickets 301 and 302, which she never touches in February or March: on 301 before the
    // range and in its last days, on 302 in its first days and its last.
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES
         (901, 301, 1, '2026-01-10T10:00:00Z', 10, true, 'Before the range'),
         (902, 301, 1, '2026-04-02T10:00:00Z', 10, true, 'Days after the months'),
         (903, 302, 1, '2026-01-20T10:00:00Z', 10, true, 'Days before the months'),
         (904, 302, 1, '2026-04-03T10:00:00Z', 10, true, 'Days after the months')`,
    );
    await summarize(sources, ["UTC"]);
  });
  afterAll(() => sources.drop());

  it("counts each ticket once, however its touches fall around the months", async () => {
    // 301: last touched before the range, then in April: counts (in April). 302: in January and April: counts once.
    await expectSameBothWays(sources, range, "UTC");
    const ann = (await run(sources, range, true, "UTC")).rows.find((r) => r.login === "ann");
    expect(annBefore).toBeGreaterThan(0);
    expect(ann?.tickets_touched).toBe((annBefore ?? 0) + 2);
  });
});

describe("tech-scorecard from the monthly summary, over a generated history", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await generatedSources(5, "2026-10-20");
    await summarize(sources, ["UTC", "Europe/London"]);
  }, 240_000);
  afterAll(() => sources.drop());

  const ranges = [
    { from: "2025-10-21", to: "2026-10-20" }, // a year: days, whole months, days of the current month
    { from: "2026-02-15", to: "2026-04-10" },
    { from: "2026-03-31", to: "2026-05-01" },
    { from: "2026-01-01", to: "2026-06-30" },
    { from: "2025-11-02", to: "2026-10-20" }, // from the 2nd: 29 days of November from the replica
    { from: "2026-02-04", to: "2026-05-20" },
  ];
  it.each(["UTC", "Europe/London"])("gives the replica's rows for every range, in %s", async (timeZone) => {
    for (const range of ranges) await expectSameBothWays(sources, range, timeZone);
  });
});
