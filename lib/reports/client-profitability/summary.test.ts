import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { addDaysTo } from "../../params/dates";
import { generatedSources, randomRanges, storeDays } from "../../summary/testing";
import type { TestSources } from "../../testing/databases";
import { DAY_SUMMARIES } from "../day-summaries";
import { runReport } from "../run";
import { clientDetailParams } from "./detail/params";
import { clientSummary } from "./detail/report";
import { profitabilityParams } from "./params";
import { laborDays, revenueDays } from "./query";
import { clientProfitability } from "./report";

/*
 * Stored days must change nothing but the time: on a generated history (demo
 * scale 0.05, more than a year of entries and invoices, tickets with time on
 * many days, yearly lines earning across any range), every range gives the
 * same rows, to the cent and the ticket, from the days stored in our database
 * (and their month rollups) as from the same days summarized fresh on the
 * replicas (no database of our own). Fixed ranges and seeded random ones (the
 * seed is printed; SUMMARY_TEST_SEED replays it), both revenue scopes, in UTC
 * and in America/Chicago (a DST zone).
 */
const END = "2026-10-20";
const manager: User = { login: "test-manager", role: "manager", teamIds: [] };

let sources: TestSources;

/** Profitability's days only: the days other summaries compute (recurring work's) would blur what new rows dirty. */
const PROFITABILITY = DAY_SUMMARIES.filter((k) => k.summary === laborDays || k.summary === revenueDays);
/** The first pass's clock, kept for the passes after it: a pass that ran past a midnight would also close a new day. */
let firstPass: Date;
const summarize = (timeZones: string[], summaries = PROFITABILITY) =>
  storeDays(sources, summaries, timeZones, firstPass);

async function run(params: Record<string, string>, withStore: boolean, timeZone: string) {
  await sources.use({ LOOKBACK_TZ: timeZone }, { withStore });
  const result = await runReport(clientProfitability, profitabilityParams.parse(params), { user: manager });
  return { rows: result.rows, summary: result.summary };
}

/** Stored and fresh give the same rows; returns how many (a caller checks that some range had any). */
async function expectSameBothWays(params: Record<string, string>, timeZone: string): Promise<number> {
  const label = `${params.from}..${params.to} ${params.scope} in ${timeZone}`;
  const fresh = await run(params, false, timeZone);
  const stored = await run(params, true, timeZone);
  expect(fresh.summary, label).toBeUndefined();
  expect(stored.summary, label).toBeDefined();
  expect(stored.rows, label).toEqual(fresh.rows);
  return fresh.rows.length;
}

beforeAll(async () => {
  sources = await generatedSources(3, END);
  firstPass = new Date();
  await summarize(["UTC", "America/Chicago"]);
}, 600_000);
afterAll(() => sources.drop());

describe("client-profitability from stored days, over a generated history", () => {
  const fixed = [
    { from: "2025-10-21", to: END }, // a year, cut mid-month at both ends
    { from: "2026-01-01", to: "2026-06-30" }, // whole months only
    { from: "2026-02-15", to: "2026-04-10" }, // a month and two halves
    { from: "2025-12-20", to: "2026-01-10" }, // across a year end
    { from: "2026-03-08", to: "2026-03-08" }, // one day: Chicago's clock change
    { from: "2026-11-01", to: "2026-11-01" }, // a day after the history: only periods still earning
  ];
  const drawn = randomRanges(END, 9);
  const seed = drawn.seed;
  const random = drawn.ranges.map((range) => ({ ...range, scope: drawn.random() < 0.5 ? "support" : "all" }));

  it.each(["UTC", "America/Chicago"])(
    `gives the fresh rows for every range, in %s (seed ${seed})`,
    async (timeZone) => {
      let rows = 0;
      for (const range of fixed) {
        for (const scope of ["support", "all"]) rows += await expectSameBothWays({ ...range, scope }, timeZone);
      }
      for (const range of random) rows += await expectSameBothWays(range, timeZone);
      expect(rows).toBeGreaterThan(2 * fixed.length + random.length);
    },
    300_000,
  );

  it("gives a client's page the same row as the report", async () => {
    const params = { from: "2025-12-20", to: "2026-03-10", scope: "support" };
    const { rows } = await run(params, true, "UTC");
    const client = rows.find((r) => r.account_no !== null && r.tickets > 1 && r.revenue !== "0.00");
    expect(client).toBeDefined();
    const detail = await runReport(
      clientSummary,
      clientDetailParams.parse({ ...params, client: client?.account_no ?? "" }),
      { user: manager },
    );
    expect(detail.rows).toEqual([client]);
  });
});

describe("client-profitability from stored days: new rows dirty the days they touch", () => {
  it("counts a late entry once, on a ticket worked on days before and after it", async () => {
    // A ticket with time on two days at least a week apart, and none between.
    const [ticket] = (await sources.exec(
      "helpdesk",
      `SELECT ticket_id, tech_id, to_char(a, 'YYYY-MM-DD') AS first, to_char(b, 'YYYY-MM-DD') AS next
       FROM (SELECT ticket_id, tech_id, started_at AS a,
                    lead(started_at) OVER (PARTITION BY ticket_id ORDER BY started_at) AS b
             FROM time_entries WHERE started_at >= '2026-02-01' AND started_at < '2026-08-01') x
       WHERE b - a > interval '8 days'
       ORDER BY ticket_id LIMIT 1`,
    )) as { ticket_id: number; tech_id: number; first: string; next: string }[];
    expect(ticket).toBeDefined();
    const { ticket_id, tech_id, first, next } = ticket as NonNullable<typeof ticket>;
    const middle = addDaysTo(first, 4);
    const range = { from: addDaysTo(first, 1), to: next, scope: "support" };
    const before = await run(range, true, "UTC");
    // Late: an entry of 45 minutes between the two, on a past day already stored.
    await sources.exec(
      "helpdesk",
      `INSERT INTO time_entries VALUES
         (990001, ${ticket_id}, ${tech_id}, '${middle}T12:00:00Z', 45, true, 'Late entry')`,
    );
    // Until the next pass has seen it, the stored days still answer as they were.
    expect((await run(range, true, "UTC")).rows).toEqual(before.rows);
    const recomputed = await summarize(
      ["UTC"],
      PROFITABILITY.filter((k) => k.summary === laborDays),
    );
    // Labor's days only (revenue reads no time entry): its own day and the ticket's next day with time (whose
    // previous entry it now is). Nothing else: the pass closes no new day and verifies none.
    expect(recomputed).toBe(2);
    const after = await run(range, true, "UTC");
    expect(after.rows).toEqual((await run(range, false, "UTC")).rows);
    const minutes = (rows: typeof after.rows) => rows.reduce((n, r) => n + r.minutes, 0);
    const tickets = (rows: typeof after.rows) => rows.reduce((n, r) => n + r.tickets, 0);
    expect(minutes(after.rows)).toBe(minutes(before.rows) + 45);
    // The ticket had time on `next` (in the range) already: still counted once.
    expect(tickets(after.rows)).toBe(tickets(before.rows));
  });
});

describe("client-profitability from stored days: a draft invoice opened", () => {
  it("counts within one pass, which computes again exactly the days of its lines", async () => {
    const [draft] = (await sources.exec(
      "billing",
      `SELECT i.id, array_agg(DISTINCT to_char(CASE WHEN l.service_from <= l.service_to THEN l.service_from
                                                    ELSE i.issued_on END, 'YYYY-MM-DD')) AS homes
       FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
       WHERE i.status = 'draft' AND i.issued_on < '2026-09-01' AND l.amount > 0
       GROUP BY i.id ORDER BY i.id LIMIT 1`,
    )) as { id: number; homes: string[] }[];
    expect(draft).toBeDefined();
    const { id, homes } = draft as NonNullable<typeof draft>;
    const home = [...homes].sort()[0] as string;
    const range = { from: home, to: addDaysTo(home, 30), scope: "all" };
    const revenue = (rows: { revenue: string }[]) => rows.reduce((n, r) => n + Math.round(Number(r.revenue) * 100), 0);
    const before = await run(range, true, "UTC");
    // Opened: its lines now count, with no new row to say so.
    await sources.exec("billing", `UPDATE invoices SET status = 'open' WHERE id = ${id}`);
    expect((await run(range, true, "UTC")).rows).toEqual(before.rows);
    expect(await summarize(["UTC"])).toBe(homes.length);
    const after = await run(range, true, "UTC");
    expect(after.summary).toBeDefined();
    expect(after.rows).toEqual((await run(range, false, "UTC")).rows);
    expect(revenue(after.rows)).toBeGreaterThan(revenue(before.rows));
  });
});
