import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../testing/databases";
import { markHealthy, replicasOf } from "./pool";
import { openReadOnly } from "./read-only";

/*
 * Two replicas of the helpdesk (two URLs of one test database), one connection each. The first is fresh
 * and busy for a moment; the second lags an hour. A run waits for the fresh one rather than take the
 * idle laggard (README: one that lags is used only if nothing better answers).
 */
describe("choosing a replica", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources();
  });
  afterAll(() => sources.drop());

  it("waits for a busy fresh replica rather than take an idle one far behind", async () => {
    const url = sources.helpdeskUrl;
    await sources.use({
      HELPDESK_DATABASE_URL: `${url}?application_name=fresh,${url}?application_name=behind`,
      LOOKBACK_POOL_MAX: "1",
      LOOKBACK_LAG_AVOID_SECONDS: "60",
      // No background check during the test: the lags are the ones set here.
      LOOKBACK_REPLICA_CHECK_SECONDS: "3600",
    });
    const [fresh, behind] = replicasOf("helpdesk");
    expect(behind).toBeDefined();
    markHealthy(fresh as NonNullable<typeof fresh>, 0);
    markHealthy(behind as NonNullable<typeof behind>, 3_600);
    // The fresh replica's one connection is held for 300 ms.
    const held = await openReadOnly("helpdesk", { label: "test" });
    expect(held.freshness.replica).toEqual({ number: 1, of: 2 });
    setTimeout(() => void held.commit(), 300);
    const next = await openReadOnly("helpdesk", { label: "test" });
    expect(next.freshness.replica).toEqual({ number: 1, of: 2 });
    await next.commit();
  });
});
