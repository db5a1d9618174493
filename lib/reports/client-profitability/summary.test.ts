import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { refreshSummaries } from "../../summary/refresh";
import { SUMMARIZERS } from "../../summary/registry";
import { generatedSources } from "../../summary/testing";
import type { TestSources } from "../../testing/databases";
import { answer } from "../api";
import { runReport } from "../run";
import { profitabilityParams } from "./params";
import { clientProfitability } from "./report";

/*
 * The monthly summaries must change nothing but the time: on a generated
 * history (demo scale 0.05, a year and more of entries and invoices), every
 * range below gives the same rows, to the cent and the ticket, with the
 * closed months read from the summaries as from the replicas alone. The
 * ranges cut months at both ends, cover whole months, span a year or sit
 * inside one month (nothing to summarize); the entries of one ticket often
 * fall in several months, which the ticket counts must see once.
 */
const END = "2026-10-20";
const manager: User = { login: "test-manager", role: "manager", teamIds: [] };
const RANGES = [
  { from: "2025-10-21", to: "2026-10-20" }, // a year: days, then whole months, then days of the current month
  { from: "2026-01-01", to: "2026-06-30" }, // whole months only
  { from: "2026-02-15", to: "2026-04-10" }, // a month and two halves
  { from: "2026-03-31", to: "2026-05-01" }, // one day either side of April
  { from: "2026-03-05", to: "2026-03-25" }, // inside one month: nothing summarized
  { from: "2025-12-20", to: "2026-01-31" }, // across the new year
  { from: "2025-11-02", to: "2026-10-20" }, // from the 2nd: November whole, its 1st taken off
  { from: "2026-02-04", to: "2026-05-20" }, // February's first three days taken off, days of May added
];

let sources: TestSources;

beforeAll(async () => {
  sources = await generatedSources(3, END);
  for (const timeZone of ["UTC", "America/Chicago"]) {
    await sources.use({ LOOKBACK_TZ: timeZone });
    await refreshSummaries({ timeZone });
  }
}, 240_000);
afterAll(() => sources.drop());

async function run(params: Record<string, string>, withStore: boolean, timeZone = "UTC") {
  await sources.use({ LOOKBACK_TZ: timeZone }, { withStore });
  const result = await runReport(clientProfitability, profitabilityParams.parse(params), { user: manager });
  return { rows: result.rows, fromSummaries: result.summary !== undefined, summary: result.summary };
}

describe("client-profitability from monthly summaries", () => {
  it.each(["UTC", "America/Chicago"])("gives the replicas' rows for every range, in %s", async (timeZone) => {
    for (const range of RANGES) {
      for (const scope of ["support", "all"]) {
        const live = await run({ ...range, scope }, false, timeZone);
        const summarized = await run({ ...range, scope }, true, timeZone);
        expect(live.rows.length, `${range.from}..${range.to}`).toBeGreaterThan(0);
        expect(summarized.rows, `${range.from}..${range.to} ${scope}`).toEqual(live.rows);
        // Only a range holding a whole closed month reads a summary.
        expect(summarized.fromSummaries, `${range.from}..${range.to}`).toBe(range.from !== "2026-03-05");
        if (range.from === "2025-10-21") {
          // November to September whole; October is the current month in the data's own time, but closed here:
          // it ends after the range does, so its 20 days are read from the replicas.
          expect(summarized.summary).toMatchObject({ first: "2025-11-01", next: "2026-10-01" });
        }
      }
    }
  });

  it("says in the API's meta which months came from the summaries, and when they were computed", async () => {
    await sources.use({ LOOKBACK_TZ: "UTC" });
    const url = new URL("http://lookback.test/api/reports/client-profitability?from=2026-01-10&to=2026-04-20");
    const response = await answer("client-profitability", url, manager, new AbortController().signal);
    const body = (await response.json()) as { meta: { summary?: { first: string; next: string; computedAt: string } } };
    // January to March from the summaries (January's first 9 days taken off, read from the replicas:
    // fewer than its last 22), 1–20 April from the replicas.
    expect(body.meta.summary).toMatchObject({ first: "2026-01-01", next: "2026-04-01" });
    expect(Date.parse(body.meta.summary?.computedAt ?? "")).toBeLessThanOrEqual(Date.now());
  });

  it("counts a ticket with time in several months once", async () => {
    // A ticket with time on both sides of a month's end: the range starts on its first entry's day
    // (read from the replica) and ends with the next month (read from the summary).
    const [ticket] = (await sources.exec(
      "helpdesk",
      `SELECT ticket_id, to_char(min(started_at), 'YYYY-MM-DD') AS first,
              to_char(date_trunc('month', min(started_at)) + interval '2 months' - interval '1 day', 'YYYY-MM-DD') AS last
       FROM time_entries
       WHERE started_at >= '2026-01-01' AND started_at < '2026-09-01'
       GROUP BY ticket_id
       HAVING date_trunc('month', min(started_at)) + interval '1 month' = date_trunc('month', max(started_at))
          AND extract(day FROM min(started_at)) > 1
       LIMIT 1`,
    )) as { ticket_id: string; first: string; last: string }[];
    expect(ticket).toBeDefined();
    const range = { from: ticket?.first ?? "", to: ticket?.last ?? "" };
    const live = await run(range, false);
    const summarized = await run(range, true);
    expect(summarized.fromSummaries).toBe(true);
    expect(summarized.rows).toEqual(live.rows);
  });

  it("recomputes the last two closed months at every refresh, earlier ones at every twelfth", async () => {
    await sources.use({ LOOKBACK_TZ: "UTC" });
    // Every month was computed moments ago: two minutes on, with one minute as the refresh interval, only the
    // last two closed months (September and October 2026 here, the machine's clock being later) of each summary.
    const later = new Date(Date.now() + 120_000);
    const refreshed = await refreshSummaries({ timeZone: "UTC", maxAgeMs: 60_000, now: later });
    expect(refreshed).toMatchObject({ computed: 2 * SUMMARIZERS.length, failed: 0 });
    // Thirteen minutes on, every month again.
    const all = await refreshSummaries({
      timeZone: "UTC",
      maxAgeMs: 60_000,
      now: new Date(later.getTime() + 13 * 60_000),
    });
    expect(all.computed).toBeGreaterThan(2 * SUMMARIZERS.length);
  });

  it("shows a change to a summarized month once the summary is computed again", async () => {
    const range = { from: "2026-01-01", to: "2026-03-31" };
    const before = await run(range, false);
    // A late correction: one February entry becomes 10 hours longer.
    await sources.exec(
      "helpdesk",
      `UPDATE time_entries SET minutes = minutes + 600
       WHERE id = (SELECT min(id) FROM time_entries WHERE started_at >= '2026-02-01' AND started_at < '2026-03-01')`,
    );
    const live = await run(range, false);
    const minutes = (rows: typeof live.rows) => rows.reduce((n, r) => n + r.minutes, 0);
    expect(minutes(live.rows)).toBe(minutes(before.rows) + 600);
    // Until the next refresh, the summary still holds February as it was computed.
    expect(minutes((await run(range, true)).rows)).toBe(minutes(before.rows));
    await sources.use({ LOOKBACK_TZ: "UTC" });
    const refreshed = await refreshSummaries({ timeZone: "UTC", maxAgeMs: 0 });
    expect(refreshed.failed).toBe(0);
    expect((await run(range, true)).rows).toEqual(live.rows);
  });
});
