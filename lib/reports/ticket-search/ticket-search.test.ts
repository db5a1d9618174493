import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { readOnly } from "../../db/read-only";
import { sqlFile } from "../../db/setup";
import { storeDb } from "../../db/store";
import type { Billing, Helpdesk } from "../../db/types";
import { catchUpSearchIndex } from "../../search";
import { createTestSources, type TestSources } from "../../testing/databases";
import { getReport } from "../registry";
import { runReport } from "../run";
import type { QueryContext, Report } from "../types";
import { SEARCH_FIXTURE } from "./fixture";
import { searchHits } from "./query";
import { type SearchRow, searchRows, ticketSearch } from "./report";
import { markedParts } from "./view";

// Where its links lead, as the app finds it: report folders do not import each other.
const ticketList = getReport("ticket-list") as Report;

const user = demoUser("tech");

async function search(raw: Record<string, unknown>) {
  const params = ticketSearch.params.parse(raw);
  const { rows, truncated } = await runReport(ticketSearch, params, { user });
  expect(truncated).toBe(false);
  return rows;
}

/** Each hit as [where, id]: ["comment", 102] or ["subject", 10]. */
const hits = (rows: SearchRow[]) => rows.map((r) => [r.hit, r.hit === "comment" ? r.comment_id : r.ticket_id]);

describe("ticket-search on the hand-made helpdesk", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SEARCH_FIXTURE }, { store: true });
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "ticket-search.sql"));
    await sources.use();
  });
  afterAll(() => sources.drop());

  it("ranks close words first, equal ranks newest first", async () => {
    // 100 and subject 10 hold "connection refused" side by side (equal rank; 100 is 5 minutes newer);
    // 102 has three words between them: a wider cover, a lower rank. 103 has no "refused".
    const rows = await search({ q: "connection refused" });
    expect(hits(rows)).toEqual([
      ["comment", 100],
      ["subject", 10],
      ["comment", 102],
    ]);
    expect(rows[0]?.rank).toBe(rows[1]?.rank);
    expect(rows[1]?.rank).toBeGreaterThan(rows[2]?.rank ?? Number.POSITIVE_INFINITY);
    expect(rows.map((r) => r.index)).toEqual(["replica", "replica", "replica"]);
  });

  it("finds a phrase only where its words are side by side", async () => {
    expect(hits(await search({ q: '"connection refused"' }))).toEqual([
      ["comment", 100],
      ["subject", 10],
    ]);
  });

  it("finds either side of or, and leaves out -word", async () => {
    const either = await search({ q: "strongswan or printer" });
    expect(hits(either).sort()).toEqual(
      [
        ["comment", 101],
        ["comment", 102],
        ["comment", 104],
        ["subject", 11],
      ].sort(),
    );
    expect(hits(await search({ q: "printer -jam" })).sort()).toEqual(
      [
        ["comment", 102],
        ["comment", 104],
      ].sort(),
    );
  });

  it("refuses a search with nothing to find, naming q, rather than rank every row", async () => {
    const refused = (q: string) => runReport(ticketSearch, ticketSearch.params.parse({ q }), { user });
    await expect(refused("-strongswan")).rejects.toMatchObject({
      kind: "invalid_params",
      issues: [{ param: "q", message: "must hold a word to find: words with - in front only leave hits out" }],
    });
    await expect(refused("the or")).rejects.toMatchObject({
      kind: "invalid_params",
      issues: [{ param: "q", message: "holds only words too common to search for (the, or, and…): add a rarer one" }],
    });
    await expect(refused("-")).rejects.toMatchObject({ kind: "invalid_params" });
  });

  it("finds a word only in an internal note, for a tech too, labelled internal", async () => {
    const rows = await search({ q: "strongswan" });
    expect(rows.map((r) => [r.comment_id, r.visibility, r.author, r.ticket_id])).toEqual([
      [101, "internal", "ann", 10],
    ]);
    expect(await search({ q: "strongswan", visibility: "public" })).toEqual([]);
  });

  it("filters by queue, customer, tech, visibility and days", async () => {
    expect(hits(await search({ q: "connection", queue: ["1"] }))).toEqual([
      ["comment", 103],
      ["comment", 102],
    ]);
    expect(hits(await search({ q: "connection", customer: "1" }))).toEqual([
      ["comment", 100],
      ["subject", 10],
    ]);
    // lia wrote 102; ann is assigned ticket 11, whose subject does not match.
    expect(hits(await search({ q: "connection", tech: "2" }))).toEqual([["comment", 102]]);
    expect(hits(await search({ q: "printer", tech: "1" }))).toEqual([["subject", 11]]);
    expect(hits(await search({ q: "connection", from: "2026-02-01", to: "2026-02-28" }))).toEqual([["comment", 102]]);
    expect(hits(await search({ q: "printer", visibility: "internal" }))).toEqual([]);
  });

  it("marks the matches in the snippet with markers, never HTML", async () => {
    const [row] = await search({ q: "strongswan" });
    // ts_headline ends a fragment on a word: the closing full stop is left out.
    expect(row?.snippet).toBe("Firewall dropped the tunnel; restarted strongswan");
    expect(markedParts(row?.highlighted ?? "")).toEqual([
      { text: "Firewall dropped the tunnel; restarted ", marked: false },
      { text: "strongswan", marked: true },
    ]);
  });

  it("links each hit to a list of exactly its ticket", async () => {
    const [row] = await search({ q: "strongswan" });
    const href = ticketSearch.columns.find((c) => c.key === "ticket_id")?.href?.(row as SearchRow) ?? "";
    const q = new URL(href, "http://x").searchParams;
    const listed = await runReport(ticketList, ticketList.params.parse({ ticket: q.get("ticket") }), { user });
    expect(listed.rows.map((r) => r.ticket_id)).toEqual([10]);
  });

  it("matches the recommended indexes' expressions, so the replica's planner uses them", async () => {
    // Kysely only compiles here (it never connects); the plan comes from one client that sees no sequential scans.
    const compiler = new Kysely<Helpdesk>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
    const every = { index: "replica" as const, comments: sql<boolean>`true`, subjects: sql<boolean>`true` };
    const query = searchHits({ q: "connection refused", queue: [], visibility: "any", limit: 50 }, every).compile(
      compiler,
    );
    const client = new pg.Client({
      connectionString: sources.helpdeskUrl,
      options: "-c enable_seqscan=off -c enable_indexscan=off",
    });
    await client.connect();
    try {
      const { rows } = await client.query(`EXPLAIN ${query.sql}`, [...query.parameters]);
      const plan = rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("Bitmap Index Scan on ticket_comments_body_search");
      expect(plan).toContain("Bitmap Index Scan on tickets_subject_search");
    } finally {
      await client.end();
    }
  });

  it("gives the same rows from Lookback's own index as from the replica's, including rows newer than the copy", async () => {
    const first = await catchUpSearchIndex();
    expect([first.comments, first.tickets]).toEqual([5, 3]);
    // Idempotent: a second pass reads the overlap again and changes nothing.
    const again = await catchUpSearchIndex();
    expect([again.lastCommentId, again.lastTicketId]).toEqual([104, 12]);
    // Written after the catch-up: found through the copy's tail read.
    await sources.exec(
      "helpdesk",
      `INSERT INTO ticket_comments VALUES (105, 12, 2, '2026-03-02T08:00Z', 'internal', 'Connection refused by the mail relay.', 0.5)`,
    );
    const queries = [
      { q: "connection refused" },
      { q: '"connection refused"' },
      { q: "strongswan or printer" },
      { q: "printer -jam" },
      { q: "connection", queue: ["1"], visibility: "internal" },
      { q: "connection", customer: "2", tech: "2" },
      { q: "connection", from: "2026-01-05", to: "2026-02-01" },
    ];
    for (const raw of queries) {
      const p = ticketSearch.params.parse(raw);
      const [replica, lookback] = await Promise.all(
        (["replica", "lookback"] as const).map((prefer) =>
          readOnly<Helpdesk, SearchRow[]>("helpdesk", { label: "test" }, ({ db }) =>
            searchRows(context(db), p, prefer),
          ),
        ),
      );
      expect(replica?.length, JSON.stringify(raw)).toBeGreaterThan(0);
      expect(replica?.every((r) => r.index === "replica")).toBe(true);
      expect(lookback?.every((r) => r.index === "lookback")).toBe(true);
      const strip = (rows: SearchRow[] = []) => rows.map(({ index: _, ...r }) => r);
      expect(strip(lookback), JSON.stringify(raw)).toEqual(strip(replica));
    }
    const [newest] = await search({ q: "relay" });
    expect(newest?.comment_id).toBe(105);
  });
});

function context(helpdesk: QueryContext["helpdesk"]): QueryContext {
  return {
    helpdesk,
    billing: undefined as unknown as QueryContext["billing"] & Billing,
    store: storeDb(),
    limit: 1000,
    timeZone: "UTC",
    now: new Date(),
    user,
  };
}
