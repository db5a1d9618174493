import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnly } from "../../db/read-only";
import type { Helpdesk } from "../../db/types";
import { rangeInstants } from "../../params/dates";
import { createTestSources, type TestSources } from "../../testing/databases";
import type { TechIds, Walk } from "./acts";
import { firstReplies, firstRepliesInSpan, ticketSpan } from "./first-replies";
import { SCORECARD_FIXTURE } from "./fixture";
import { reopenedResolves } from "./reopened";

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE });
  await sources.use({ LOOKBACK_TZ: "UTC" });
});
afterAll(() => sources.drop());

const { start, end } = rangeInstants("2026-03-23", "2026-04-05", "UTC");

function rows(query: (walk: Walk) => ReturnType<typeof firstReplies>, walk: Walk) {
  return readOnly<Helpdesk, unknown[]>("helpdesk", { label: "test-walks" }, async ({ db }) => {
    const result = await sql`SELECT * FROM (${query(walk)}) x ORDER BY 1, 2`.execute(db);
    return result.rows;
  });
}

// Both walks must give the same rows for any set of techs: the scorecard picks one by the number of techs.
const SCOPES: TechIds[] = ["all", [1, 2, 3, 4, 5, 6], [2], [1, 4], [6]];

describe("first replies", () => {
  it("go to the first public tech reply, ties by comment id, replies after the range included", async () => {
    const all = await rows((walk) => firstReplies("all", start, end, walk), "range");
    expect(all.map((r) => [(r as { tech_id: number }).tech_id, (r as { ticket_id: number }).ticket_id])).toEqual([
      [1, 101], // 30 min after the customer's own comment
      [1, 102], // the internal note before it is no reply
      [1, 103],
      [1, 106], // tie with gus at 14:45, lower comment id
      [1, 108], // replied after the range
      [2, 107], // before ann's reply with the lower id
      [2, 209],
      [3, 301],
      [3, 302],
      [4, 203],
      [4, 401],
      [6, 601], // nia: exactly at the end of the range, on a ticket created inside it
    ]);
  });

  it("are the same from a span found beforehand (the parallel statement's way)", async () => {
    const inSpan = await readOnly<Helpdesk, unknown[]>("helpdesk", { label: "test-walks" }, async ({ db }) => {
      const span = await ticketSpan(db, start, end);
      if (span === null) throw new Error("the fixture has tickets in the range");
      return (await sql`SELECT * FROM (${firstRepliesInSpan(span, start, end)}) x ORDER BY 1, 2`.execute(db)).rows;
    });
    expect(inSpan).toEqual(await rows((walk) => firstReplies("all", start, end, walk), "range"));
  });

  it.each(SCOPES)("are the same walking by tech or by range (%s)", async (ids) => {
    const byTech = await rows((walk) => firstReplies(ids, start, end, walk), "tech");
    expect(byTech.length).toBeGreaterThan(0);
    expect(await rows((walk) => firstReplies(ids, start, end, walk), "range")).toEqual(byTech);
  });
});

describe("reopened resolves", () => {
  it("are ann's resolves 2 (reopened after 1 d 18 h) and 11 (exactly 14 days, after the range)", async () => {
    expect(await rows((walk) => reopenedResolves("all", start, end, walk), "range")).toEqual([
      { resolve_id: 2, tech_id: 1 },
      { resolve_id: 11, tech_id: 1 },
    ]);
  });

  // Only ann (1) has a reopened resolve: each scope's rows are hers when it includes her, checked both ways.
  const ANNS = [
    { resolve_id: 2, tech_id: 1 },
    { resolve_id: 11, tech_id: 1 },
  ];
  const withAnn = SCOPES.filter((ids) => ids === "all" || ids.includes(1)).map((ids) => ({ ids }));
  const withoutAnn = SCOPES.flatMap((ids) => (ids !== "all" && !ids.includes(1) ? [{ ids }] : []));

  it.each(withAnn)("are ann's walking by tech or by range ($ids)", async ({ ids }) => {
    expect(await rows((walk) => reopenedResolves(ids, start, end, walk), "tech")).toEqual(ANNS);
    expect(await rows((walk) => reopenedResolves(ids, start, end, walk), "range")).toEqual(ANNS);
  });

  it.each(withoutAnn)("are none for techs without one ($ids)", async ({ ids }) => {
    // The same scope with ann added finds hers: an empty answer is the scope's, not a broken walk's.
    expect(await rows((walk) => reopenedResolves([...ids, 1], start, end, walk), "tech")).toEqual(ANNS);
    expect(await rows((walk) => reopenedResolves(ids, start, end, walk), "tech")).toEqual([]);
    expect(await rows((walk) => reopenedResolves(ids, start, end, walk), "range")).toEqual([]);
  });
});
