import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { readOnly } from "../../db/read-only";
import type { Helpdesk } from "../../db/types";
import { parseParams } from "../../params/parse";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { SCORECARD_FIXTURE } from "./fixture";
import { EXPECTED } from "./fixture-expected";
import { techScorecard } from "./report";
import type { ScorecardRow } from "./row";
import { type ScopedTech, techsInScope } from "./scope";

const manager: User = { login: "boss", role: "manager", teamIds: [] };
const RANGE = { from: "2026-03-23", to: "2026-04-05" };

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE });
  await sources.use({ LOOKBACK_TZ: "UTC" });
});
afterAll(() => sources.drop());

async function run(raw: Record<string, string>, user: User = manager): Promise<ScorecardRow[]> {
  const parsed = parseParams(techScorecard.params, raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await runReport(techScorecard, parsed.params, { user })).rows;
}

const logins = (rows: ScorecardRow[]) => rows.map((r) => r.login);

const pick = (...names: (keyof typeof EXPECTED)[]) => names.map((n) => EXPECTED[n]);

describe("tech-scorecard over the fixture", () => {
  it("gives every column of every tech with activity, by team then login", async () => {
    // nia has acts a second before the start and exactly at the end only: no row.
    expect(await run(RANGE)).toEqual(pick("lee", "lia", "ann", "gus", "max"));
  });

  it("gives the same numbers when asked about some techs only (the other first-reply path)", async () => {
    expect(await run({ ...RANGE, team: "10" })).toEqual(pick("ann", "gus", "max"));
    expect(await run({ ...RANGE, team: "20" })).toEqual(pick("lee", "lia"));
    expect(await run({ ...RANGE, tech: "2" })).toEqual(pick("gus"));
  });

  it("finds a team by any name it ever had, whole and ignoring case", async () => {
    expect(logins(await run({ ...RANGE, team_name: "team x" }))).toEqual(["ann", "gus", "max"]); // its old name
    expect(logins(await run({ ...RANGE, team_name: " N-1 " }))).toEqual(["ann", "gus", "max"]); // its later name
    expect(logins(await run({ ...RANGE, team_name: "DIVISION-1" }))).toEqual(["ann", "gus", "max"]);
    expect(logins(await run({ ...RANGE, team_name: "Blue" }))).toEqual(["lee", "lia"]);
    expect(await run({ ...RANGE, team_name: "Team" })).toEqual([]); // no partial matches
    expect(await run({ ...RANGE, team_name: "Team X", team: "20" })).toEqual([]); // filters combine
  });

  it("files techs under the team and name in force at the end of a shorter range", async () => {
    // Ends 2026-03-30T00:00Z, the instant team 10 is renamed: the new name is not yet in force, nor max's move (04-01).
    const rows = await run({ from: "2026-03-23", to: "2026-03-29" });
    expect(rows.map((r) => [r.login, r.team])).toEqual([
      ["lee", "Blue"],
      ["lia", "Blue"],
      ["max", "Blue"],
      ["ann", "Team X"],
      ["gus", "Team X"],
    ]);
  });

  it("does not count a move that happens exactly at the end of the range", async () => {
    // Ends 2026-04-01T00:00Z, the instant max joins team 10: inside the range he was in team 20.
    const rows = await run({ from: "2026-03-23", to: "2026-03-31" });
    expect(rows.map((r) => [r.login, r.team])).toEqual([
      ["lee", "Blue"],
      ["lia", "Blue"],
      ["max", "Blue"],
      ["ann", "Division-1"],
      ["gus", "Division-1"],
    ]);
  });

  it("names a team by its first name when a membership began before the team had one (RT's 1970 memberships)", async () => {
    // Lia joined team 20 on 2025-01-01, the day "Blue" took effect; moved back a year, her team is still called Blue.
    await sources.exec("helpdesk", "UPDATE team_members SET valid_from = '2024-01-01T00:00Z' WHERE tech_id = 3");
    try {
      const scoped = await readOnly<Helpdesk, ScopedTech[]>("helpdesk", { label: "test-scope" }, ({ db }) =>
        techsInScope(db, new Date("2024-07-01T00:00Z"), {}, manager),
      );
      // The others had no team yet.
      expect(scoped.map((t) => [t.login, t.team])).toEqual([
        ["ann", null],
        ["gus", null],
        ["lia", "Blue"],
        ["max", null],
        ["lee", null],
        ["nia", null],
      ]);
    } finally {
      await sources.exec("helpdesk", "UPDATE team_members SET valid_from = '2025-01-01T00:00Z' WHERE tech_id = 3");
    }
  });

  it("shows a lead only the techs of their teams at the end of the range", async () => {
    const lead = (teamIds: number[]): User => ({ login: "lead", role: "lead", teamIds });
    expect(logins(await run(RANGE, lead([20])))).toEqual(["lee", "lia"]); // not max: he ended the range in team 10
    expect(logins(await run(RANGE, lead([10])))).toEqual(["ann", "gus", "max"]);
    expect(await run({ ...RANGE, team: "10" }, lead([20]))).toEqual([]);
    expect(await run(RANGE, lead([]))).toEqual([]);
  });

  it("shows a tech only their own row, and nothing when the account is not linked to a tech", async () => {
    const tech = (techId?: number): User => ({ login: "t", role: "tech", teamIds: [], techId });
    expect(await run(RANGE, tech(3))).toEqual(pick("lia"));
    expect(await run({ ...RANGE, tech: "1" }, tech(3))).toEqual([]);
    expect(await run(RANGE, tech(undefined))).toEqual([]);
  });
});

describe("tech-scorecard in another reporting time zone", () => {
  beforeAll(() => sources.use({ LOOKBACK_TZ: "America/Chicago" }));
  afterAll(() => sources.use({ LOOKBACK_TZ: "UTC" }));

  it("reads the days in the reporting zone", async () => {
    // 2026-04-05 in Chicago is [2026-04-05T05:00Z, 2026-04-06T05:00Z): it takes in A14, nia's comment 601
    // at 00:00Z and gus's time entry 4, which the UTC day leaves out.
    const rows = await run({ from: "2026-04-05", to: "2026-04-05" });
    expect(rows).toEqual([
      {
        ...EXPECTED.lee,
        tech_id: 6,
        login: "nia",
        full_name: "Nia Idle",
        team: "Blue",
        public_replies: 1, // comment 601
        internal_notes: 0,
        credit: "1.0",
        minutes_logged: 0,
        median_first_reply_minutes: 240, // 601 created 20:00Z, her reply 00:00Z
        after_hours_share: 1, // Sunday 19:00 local
      },
      {
        ...EXPECTED.ann,
        public_replies: 2, // A8, A14
        internal_notes: 0,
        credit: "2.0",
        bare_notes: 0,
        minutes_logged: 0,
        tickets_touched: 2, // 103, 108
        tickets_resolved: 1, // A9
        reopened: 1, // A9, exactly 14 days
        median_first_reply_minutes: 60, // 103: 30, 108: 90
        after_hours_share: 1, // Sunday
      },
      {
        ...EXPECTED.gus,
        public_replies: 0,
        internal_notes: 1, // G10
        credit: "0.5",
        bare_notes: 0, // time entry 4, 25 min after
        minutes_logged: 30, // time entry 4
        tickets_touched: 1, // 207
        median_first_reply_minutes: null,
        after_hours_share: 1,
      },
    ]);
  });
});
