import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnly } from "../../db/read-only";
import type { Helpdesk } from "../../db/types";
import { rangeInstants } from "../../params/dates";
import { firstReplies, reopenedResolves, type TechIds } from "../../sql/helpdesk/acts";
import { createTestSources, type TestSources } from "../../testing/databases";
import { SCORECARD_FIXTURE } from "./fixture";

/* The shared act fragments (lib/sql/helpdesk/acts.ts) on the scorecard's hand-made fixture. */
let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: SCORECARD_FIXTURE });
  await sources.use({ LOOKBACK_TZ: "UTC" });
});
afterAll(() => sources.drop());

const { start, end } = rangeInstants("2026-03-23", "2026-04-05", "UTC");

function pairs(query: ReturnType<typeof firstReplies> | ReturnType<typeof reopenedResolves>, a: string, b: string) {
  return readOnly<Helpdesk, [number, number][]>("helpdesk", { label: "test-acts" }, async ({ db }) => {
    const result = await sql<Record<string, number>>`SELECT * FROM (${query}) x ORDER BY 1, 2`.execute(db);
    return result.rows.map((r) => [r[a] as number, r[b] as number]);
  });
}

const FIRST_REPLIES: [number, number][] = [
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
];

// Only ann (1) has reopened resolves: 2 (reopened after 1 d 18 h) and 11 (exactly 14 days, after the range).
const REOPENED: [number, number][] = [
  [2, 1],
  [11, 1],
];

describe("first replies", () => {
  it("go to the first public tech reply, ties by comment id, replies after the range included", async () => {
    expect(await pairs(firstReplies("all", start, end), "tech_id", "ticket_id")).toEqual(FIRST_REPLIES);
  });

  it.each<{ ids: TechIds }>([{ ids: [1, 4] }, { ids: [2] }, { ids: [6] }])(
    "keep the techs asked about ($ids)",
    async ({ ids }) => {
      const expected = FIRST_REPLIES.filter(([tech]) => ids !== "all" && ids.includes(tech));
      expect(expected.length).toBeGreaterThan(0);
      expect(await pairs(firstReplies(ids, start, end), "tech_id", "ticket_id")).toEqual(expected);
    },
  );
});

describe("reopened resolves", () => {
  it("are ann's resolves 2 and 11", async () => {
    expect(await pairs(reopenedResolves("all", start, end), "resolve_id", "tech_id")).toEqual(REOPENED);
    expect(await pairs(reopenedResolves([1, 4], start, end), "resolve_id", "tech_id")).toEqual(REOPENED);
  });

  it("are none for techs without one, beside a scope that finds ann's", async () => {
    expect(await pairs(reopenedResolves([2, 1], start, end), "resolve_id", "tech_id")).toEqual(REOPENED);
    expect(await pairs(reopenedResolves([2], start, end), "resolve_id", "tech_id")).toEqual([]);
  });
});
