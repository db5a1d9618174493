import { describe, expect, it } from "vitest";
import {
  bareCreditShare,
  deviation,
  groupByTeam,
  isFlagged,
  SHOWN_PER_TEAM,
  shownPerTeam,
  teamMedians,
} from "./comparison";
import type { ScorecardRow } from "./row";
import { scorecardRow } from "./test-row";

const row = (login: string, team: string | null, over: Partial<ScorecardRow> = {}): ScorecardRow =>
  scorecardRow({ login, team, ...over });

describe("isFlagged", () => {
  it("flags 5 or more bare notes that are at least half the credit", () => {
    expect(isFlagged({ bare_notes: 6, credit: "7.5" })).toBe(true); // 6 ≥ 3.75
    expect(isFlagged({ bare_notes: 5, credit: "10.0" })).toBe(true); // 5 = 10 / 2: the edge is flagged
    expect(isFlagged({ bare_notes: 5, credit: "10.5" })).toBe(false); // 5 < 5.25
    expect(isFlagged({ bare_notes: 4, credit: "2.0" })).toBe(false); // too few to mean anything
  });

  it("gives the share of credit that bare notes earned", () => {
    expect(bareCreditShare({ bare_notes: 6, credit: "7.5" })).toBeCloseTo(0.4); // 3 of 7.5
    expect(bareCreditShare({ bare_notes: 0, credit: "0.0" })).toBe(0);
  });
});

describe("team medians and deviations", () => {
  it("takes the median of each column, the mean of the middle two for an even count, nulls left out", () => {
    const m = teamMedians([
      row("a", "T", { public_replies: 1, credit: "2.5", median_first_reply_minutes: 10 }),
      row("b", "T", { public_replies: 3, credit: "7.0", median_first_reply_minutes: null }),
      row("c", "T", { public_replies: 10, credit: "1.0", median_first_reply_minutes: 30 }),
      row("d", "T", { public_replies: 4, credit: "3.5", median_first_reply_minutes: 20 }),
    ]);
    expect(m.public_replies).toBe(3.5); // 1 3 4 10
    expect(m.credit).toBe(3); // 1.0 2.5 3.5 7.0
    expect(m.median_first_reply_minutes).toBe(20); // 10 20 30
  });

  it("highlights values at least double or at most half the median", () => {
    expect(deviation(8, 4)).toBe("above");
    expect(deviation(7.9, 4)).toBe(null);
    expect(deviation(2, 4)).toBe("below");
    expect(deviation(2.1, 4)).toBe(null);
    expect(deviation(1, 0)).toBe("above");
    expect(deviation(0, 0)).toBe(null);
    expect(deviation(null, 3)).toBe(null);
  });

  it("groups rows by team in their order and compares only teams of 3 or more", () => {
    const groups = groupByTeam([
      row("a", "Blue"),
      row("b", "Blue"),
      row("c", "Red"),
      row("d", "Red"),
      row("e", "Red"),
      row("f", null),
    ]);
    expect(groups.map((g) => [g.team, g.rows.map((r) => r.login), g.compared])).toEqual([
      ["Blue", ["a", "b"], false],
      ["Red", ["c", "d", "e"], true],
      ["No team", ["f"], false],
    ]);
  });
});

describe("the techs a team view lists", () => {
  it("are every tech of a team of at most 20", () => {
    const techs = Array.from({ length: SHOWN_PER_TEAM }, (_, i) => row(`t${i}`, "T", { public_replies: 10 }));
    expect(groupByTeam(techs)[0]?.shown).toEqual(techs);
  });

  it("of a larger team: the flagged and the furthest from the median first, 20 in all, in the rows' order", () => {
    // 25 techs with 10 replies each and nothing else, but: t3 has 100 replies (double the median of 10 or more),
    // t7 one (half or less), t20 is flagged (6 bare notes earning all of its 7.5 credit). The other 17 places go
    // to the first of the rest: t0–t2, t4–t6, t8–t18; t19 and t21–t24 are left out.
    const techs = Array.from({ length: 25 }, (_, i) =>
      row(`t${i}`, "T", {
        public_replies: i === 3 ? 100 : i === 7 ? 1 : 10,
        ...(i === 20 ? { bare_notes: 6, credit: "7.5" } : {}),
      }),
    );
    const shown = groupByTeam(techs)[0]?.shown.map((r) => r.login);
    expect(shown).toEqual([...Array.from({ length: 19 }, (_, i) => `t${i}`), "t20"]);
  });

  it("of several teams: about 30 in all, at most 20 and at least 5 a team", () => {
    expect([1, 2, 3, 4, 6, 12, 13, 40].map(shownPerTeam)).toEqual([20, 15, 10, 7, 5, 5, 5, 5]);
    // Six teams of 25: five of each, t3 (off the median) and t20 (flagged) among them.
    const techs = ["A", "B", "C", "D", "E", "F"].flatMap((team) =>
      Array.from({ length: 25 }, (_, i) =>
        row(`${team}${i}`, team, {
          public_replies: i === 3 ? 100 : 10,
          ...(i === 20 ? { bare_notes: 6, credit: "7.5" } : {}),
        }),
      ),
    );
    const groups = groupByTeam(techs);
    expect(groups.map((g) => [g.team, g.rows.length, g.shown.length])).toEqual(
      ["A", "B", "C", "D", "E", "F"].map((t) => [t, 25, 5]),
    );
    expect(groups[0]?.shown.map((r) => r.login)).toEqual(["A0", "A1", "A2", "A3", "A20"]);
  });
});
