import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../auth/session";
import { replicasOf } from "../db/pool";
import { createTestSources, type TestSources } from "../testing/databases";
import { getReport } from "./registry";
import { runReport } from "./run";
import { SEARCH_FIXTURE } from "./ticket-search/fixture";
import type { Report } from "./types";

/*
 * Lookback's own database down: the reports that keep stored data there answer from the replica, as they
 * do without one, and nothing blames the replica for it (README: our database failing means reading the
 * replicas). Its URL here points at a port nobody listens on.
 */
const manager = demoUser("manager");
const recurring = getReport("recurring-work") as Report;
const search = getReport("ticket-search") as Report;

async function rows(report: Report, raw: Record<string, unknown>) {
  return (await runReport(report, report.params.parse(raw), { user: manager })).rows;
}

describe("our own database down", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: SEARCH_FIXTURE }, { store: true });
  });
  afterAll(() => sources.drop());

  it("leaves recurring work and ticket search to the replica, which is not marked down", async () => {
    const range = { from: "2026-01-01", to: "2026-03-31" };
    await sources.use({}, { withStore: false });
    const expected = { kinds: await rows(recurring, range), hits: await rows(search, { q: "printer" }) };
    expect(expected.kinds.length).toBeGreaterThan(0);
    expect(expected.hits.length).toBeGreaterThan(0);
    await sources.use({
      LOOKBACK_DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      LOOKBACK_CONNECT_TIMEOUT_MS: "1000",
    });
    expect(await rows(recurring, range)).toEqual(expected.kinds);
    expect(await rows(search, { q: "printer" })).toEqual(expected.hits);
    expect(replicasOf("helpdesk").every((r) => r.failedAt === undefined)).toBe(true);
  });
});
