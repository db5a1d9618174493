import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../auth/roles";
import { createTestSources, type TestSources } from "../testing/databases";
import { profitabilityParams } from "./client-profitability/params";
import { clientProfitability } from "./client-profitability/report";
import { BILLING, HELPDESK } from "./client-profitability/test-fixture";
import { runReport } from "./run";

/*
 * A report reading two sources that fails on one names that one. Client
 * profitability reads the helpdesk and billing; here billing has lost its
 * products table (a replica of another schema version, say).
 */
describe("a run that fails on one of its sources", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: HELPDESK, billing: BILLING });
    await sources.exec("billing", "ALTER TABLE products RENAME TO products_old");
    await sources.use({ LOOKBACK_TZ: "UTC" }, { withStore: false });
  });
  afterAll(() => sources.drop());

  it("names the source that refused, not the other", async () => {
    const manager: User = { login: "boss", role: "manager", teamIds: [] };
    const params = profitabilityParams.parse({ from: "2024-02-01", to: "2024-03-31" });
    const run = runReport(clientProfitability, params, { user: manager });
    await expect(run).rejects.toMatchObject({ name: "SourceError", source: "billing", kind: "query_failed" });
    await expect(run).rejects.toThrow(/billing/);
  });
});
