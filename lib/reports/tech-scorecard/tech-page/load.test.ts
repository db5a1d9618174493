import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../../auth/roles";
import { createTestSources, type TestSources } from "../../../testing/databases";
import { formatCell } from "../../../ui/format";
import { columnTotal, toTableColumn } from "../../../ui/table-model";
import { Refusal } from "../../refusal";
import { runReport } from "../../run";
import type { Column, Report, Row } from "../../types";
import { SCORECARD_FIXTURE } from "../fixture";
import { EXPECTED } from "../fixture-expected";
import { techPageParams } from "./params";
import type { TechProfileRow } from "./query";
import { techActsReport, techFirstRepliesReport, techHoursReport, techProfileReport, techTeamReport } from "./report";

const manager: User = { login: "boss", role: "manager", teamIds: [] };
const RANGE = { from: "2026-03-23", to: "2026-04-05" };

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE });
  await sources.use({ LOOKBACK_TZ: "UTC" });
});
afterAll(() => sources.drop());

/**
 * Everything the page shows, each panel's sub-report run through the engine
 * as the page runs it; a refused run gives its kind (`not_found`: no such
 * login, 404; `forbidden`: the role may not see this tech, 403).
 */
async function load(login: string, user: User = manager) {
  const params = techPageParams.parse({ login, ...RANGE });
  const rows = async <R extends Row>(report: Report<typeof techPageParams, R>) =>
    (await runReport(report, params, { user })).rows;
  try {
    const [tech] = (await rows(techProfileReport)) as TechProfileRow[];
    const teamRows = await rows(techTeamReport);
    return {
      tech,
      row: teamRows.find((r) => r.tech_id === tech?.tech_id) ?? null,
      teamRows,
      heat: await rows(techHoursReport),
      acts: await rows(techActsReport),
      firstReplies: await rows(techFirstRepliesReport),
    };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.kind };
    throw error;
  }
}
const refusedAs = (page: Awaited<ReturnType<typeof load>>) => ("refused" in page ? page.refused : "shown");
const shown = async (login: string, user?: User) => {
  const page = await load(login, user);
  if ("refused" in page) throw new Error(`${login}'s page was refused: ${page.refused}`);
  return page;
};

describe("one tech's page", () => {
  it("gives the tech's row beside their team, the team being the one they ended the range in", async () => {
    const page = await shown("gus");
    expect(page.tech).toMatchObject({ tech_id: 2, team_id: 10, team: "Division-1", timezone: "America/Chicago" });
    expect(page.row).toEqual(EXPECTED.gus);
    expect(page.teamRows).toEqual([EXPECTED.ann, EXPECTED.gus, EXPECTED.max]);
  });

  it("counts acts by weekday and hour in the office's zone", async () => {
    // gus, Chicago (UTC−5): G3–G8 Thu 01:xx; G1 Thu 09:45, G2 10:00; G11, G12, G14 Fri 09:xx, G13 10:00;
    // G10 Sun 18:50 (04-05 23:50Z), G9 Sun 19:10 (03-23 00:10Z).
    expect((await shown("gus")).heat).toEqual([
      { isodow: 4, hour: 1, acts: 6 },
      { isodow: 4, hour: 9, acts: 1 },
      { isodow: 4, hour: 10, acts: 1 },
      { isodow: 5, hour: 9, acts: 3 },
      { isodow: 5, hour: 10, acts: 1 },
      { isodow: 7, hour: 18, acts: 1 },
      { isodow: 7, hour: 19, acts: 1 },
    ]);
    // lia, London: GMT before 2026-03-29, BST after. L1 Fri 07:30, L2 Fri 17:30, L3 Sat 12:00,
    // L4 and L5 Mon 07:00Z/07:30Z = 08:00/08:30 BST, L6 Tue 17:59:59 BST, L7 Tue 18:00 BST.
    expect((await shown("lia")).heat).toEqual([
      { isodow: 1, hour: 8, acts: 2 },
      { isodow: 2, hour: 17, acts: 1 },
      { isodow: 2, hour: 18, acts: 1 },
      { isodow: 5, hour: 7, acts: 1 },
      { isodow: 5, hour: 17, acts: 1 },
      { isodow: 6, hour: 12, acts: 1 },
    ]);
  });

  it("lists each ticket touched with what was done on it, in order, marking bare notes and reopened resolves", async () => {
    const acts = (await shown("ann")).acts;
    // Tickets in the order ann first touched them in the range.
    expect([...new Set(acts.map((a) => a.ticket_id))]).toEqual([109, 101, 102, 106, 107, 104, 105, 103]);
    expect(acts.filter((a) => a.ticket_id === 101).map((a) => [a.kind, a.act_id, a.bare, a.reopened])).toEqual([
      ["time", 1, false, false], // A3 14:20
      ["reply", 101, false, false], // A1 14:30
      ["note", 102, false, false], // A2 15:00, A1 exactly 30 min before
      ["change", 2, false, true], // A4 resolve, reopened 1 d 18 h later
    ]);
    expect(acts.find((a) => a.act_id === 103 && a.kind === "note")).toMatchObject({
      bare: true,
      text: "Looking",
      credit: "0.5",
    });
    expect(acts.find((a) => a.act_id === 1 && a.kind === "time")).toMatchObject({ minutes: 25, text: "Logs" });
    expect(acts.filter((a) => a.kind === "change").map((a) => [a.act_id, a.new_value, a.reopened])).toEqual([
      [2, "resolved", true],
      [7, "resolved", false], // 14 d 1 s
      [8, "resolved", false], // went to closed first
      [11, "resolved", true], // exactly 14 d, after the range
    ]);
    expect(acts).toHaveLength(14);
  });

  it("lists the first replies the tech gave on tickets created in the range", async () => {
    const replies = (await shown("ann")).firstReplies;
    expect(replies.map((r) => [r.ticket_id, r.minutes])).toEqual([
      [101, 30],
      [102, 90],
      [106, 45], // tie on the instant with gus, won on the lower comment id
      [103, 30],
      [108, 90], // the reply came after the range
    ]);
  });

  it("gives each first reply's wait unrounded: the list's median is the scorecard's figure, and reads the same", async () => {
    const page = await shown("gus");
    const replies = page.firstReplies;
    // 107: 60 min; 209: 29 min 59 s. Rounded to 29.98 first, the median would be 44.99: "44m" on the list
    // beside the tile's "45m" (44 min 59.5 s).
    expect(replies.map((r) => r.ticket_id)).toEqual([107, 209]);
    expect(replies.find((r) => r.ticket_id === 209)?.minutes).toBe(29 + 59 / 60);
    const took = techFirstRepliesReport.columns.find((c) => c.key === "minutes") as Column;
    const footer = columnTotal(replies, toTableColumn(took));
    expect(footer).toBe(page.row?.median_first_reply_minutes);
    expect(formatCell(footer, took)).toBe("45m");
  });

  it("shows a tech with no activity in the range with an empty page", async () => {
    const page = await shown("nia");
    expect(page).toMatchObject({ row: null, heat: [], acts: [] });
    // Her reply came exactly at the end of the range, on a ticket created inside it: still its first reply.
    expect(page.firstReplies.map((r) => [r.ticket_id, r.minutes])).toEqual([[601, 240]]);
    expect(page.teamRows.map((r) => r.login)).toEqual(["lee", "lia"]);
  });

  it("applies the scorecard's role rules: a hidden tech is refused (403), an unknown login not found (404)", async () => {
    const lead = (teamIds: number[]): User => ({ login: "lead", role: "lead", teamIds });
    const tech = (techId?: number): User => ({ login: "t", role: "tech", teamIds: [], techId });
    expect(refusedAs(await load("gus", lead([20])))).toBe("forbidden");
    expect((await shown("gus", lead([10])))?.teamRows.map((r) => r.login)).toEqual(["ann", "gus", "max"]);
    const own = await shown("gus", tech(2));
    expect(own.row).toEqual(EXPECTED.gus);
    expect(own.teamRows).toEqual([EXPECTED.gus]); // a tech sees no one else's numbers, not even as a median
    expect(refusedAs(await load("ann", tech(2)))).toBe("forbidden");
    expect(refusedAs(await load("gus", tech(undefined)))).toBe("forbidden");
    expect(refusedAs(await load("nobody"))).toBe("not_found");
  });
});
