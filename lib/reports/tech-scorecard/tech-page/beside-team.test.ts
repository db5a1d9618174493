import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ScorecardRow } from "../row";
import { scorecardRow } from "../test-row";
import { BesideTeam } from "./beside-team";

/** A tech of the team: 10 replies, and `notes` internal notes; everything else 0. */
const tech = (tech_id: number, notes: number): ScorecardRow =>
  scorecardRow({ tech_id, login: `t${tech_id}`, team: "Blue", public_replies: 10, internal_notes: notes });

/** The cells of the beside-the-team table that carry a deviation tint. */
const tinted = (teamRows: ScorecardRow[]) =>
  (
    renderToStaticMarkup(createElement(BesideTeam, { row: teamRows[0] as ScorecardRow, teamRows, team: "Blue" })).match(
      /<td class="num [^"]+"/g,
    ) ?? []
  ).length;

describe("a tech beside their team", () => {
  it("is tinted as the scorecard tints: only in a team of 3 techs or more", () => {
    // 1 note beside a median of 6.5 (two techs) or 10 (three): at most half either way.
    expect(tinted([tech(1, 1), tech(2, 12), tech(3, 10)])).toBeGreaterThan(0);
    expect(tinted([tech(1, 1), tech(2, 12)])).toBe(0);
  });
});
