import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { sqlFile } from "../../db/setup";
import { HAND_FIXTURE } from "../../history/testing/hand-fixture";
import { probeInstants } from "../../history/testing/instants";
import { answeredByPath, answerFrom, BOTH_PATHS } from "../../history/testing/paths";
import { historySql, randomHistory } from "../../history/testing/random-history";
import { changesBetween } from "../../history/testing/replay";
import { seededRandom } from "../../seeded-random";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { queueChanges } from "./report";

const user = demoUser("manager");

async function changes(raw: Record<string, unknown>) {
  const params = queueChanges.params.parse({ queue: [], ...raw });
  const { queries, rows, truncated } = await runReport(queueChanges, params, { user });
  answeredByPath(queries);
  expect(truncated).toBe(false);
  return rows;
}

describe.each(BOTH_PATHS)("queue-changes on the hand-made history, from %s", (_, withStore) => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: HAND_FIXTURE }, { store: true });
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
  });
  afterAll(() => sources.drop());
  answerFrom(() => sources, withStore);

  it("lists arrivals, moves and departures between 09:59:59 and 12:00", async () => {
    // Before: 101 (Email Support), 102 (Email Support), 103 (Phone). After: 101 (Phone), 106 (Phone).
    const rows = await changes({ since: "2026-03-01T09:59:59Z", at: "2026-03-01T12:00:00Z" });
    expect(
      rows.map((r) => [r.ticket_id, r.change, r.reason, r.from_queue, r.to_queue, r.status_before, r.status_after]),
    ).toEqual([
      [106, "arrived", "created", null, "Phone", null, "pending"],
      [101, "moved", "moved", "Email Support", "Phone", "new", "open"],
      [102, "left", "resolved", "Email Support", null, "new", "resolved"],
      [103, "left", "merged", "Phone", null, "new", "merged"],
    ]);
  });

  it("tells a reopened ticket from a new one, and filters by queue", async () => {
    // 11:59:59 → 2026-03-02 00:00: 102 reopened, 105 created (both Email Support); 104 deleted; 103 merged (Phone).
    const rows = await changes({ since: "2026-03-01T11:59:59Z", at: "2026-03-02T00:00:00Z", queue: ["1"] });
    expect(rows.map((r) => [r.ticket_id, r.change, r.reason])).toEqual([
      [102, "arrived", "reopened"],
      [105, "arrived", "created"],
      [104, "left", "deleted"],
    ]);
  });

  it("defaults the earlier instant to one day before, and refuses one that is not earlier", () => {
    const p = queueChanges.params.parse({ at: "2026-03-02T00:00:00Z", queue: [] });
    expect(p.since).toEqual(new Date("2026-03-01T00:00:00Z"));
    const bad = queueChanges.params.safeParse({ since: "2026-03-02T00:00:00Z", at: "2026-03-02T00:00:00Z", queue: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["since"]);
  });
});

describe.each(BOTH_PATHS)("queue-changes on a random history, from %s", (_, withStore) => {
  const history = randomHistory(777, 3000);
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: historySql(history) }, { store: true });
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
    await sources.exec("helpdesk", "ANALYZE");
  });
  afterAll(() => sources.drop());
  answerFrom(() => sources, withStore);

  // Seconds on an idle machine; minutes on a shared one.
  it("matches the replay for 40 random pairs of instants", { timeout: 300_000 }, async () => {
    const rnd = seededRandom(5);
    const instants = probeInstants(history, 11, 80);
    let kinds = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const [x, y] = [instants[i * 2] as Date, instants[i * 2 + 1] as Date].sort(
        (a, b) => a.getTime() - b.getTime(),
      ) as [Date, Date];
      // Now and then a short gap, one second or one hour, so small differences are checked too.
      const since = rnd() < 0.3 ? new Date(y.getTime() - (rnd() < 0.5 ? 1000 : 3_600_000)) : x;
      if (since.getTime() >= y.getTime()) continue;
      const rows = await changes({ since: since.toISOString(), at: y.toISOString() });
      const actual = rows
        .map((r) => ({
          ticketId: r.ticket_id,
          change: r.change,
          reason: r.reason,
          fromQueueId: r.from_queue_id,
          toQueueId: r.to_queue_id,
        }))
        .sort((a, b) => a.ticketId - b.ticketId);
      expect(actual, `${since.toISOString()} → ${y.toISOString()}`).toEqual(changesBetween(history, since, y));
      kinds = new Set([...kinds, ...rows.map((r) => r.reason)]);
    }
    expect([...kinds].sort()).toEqual(["closed", "created", "deleted", "merged", "moved", "reopened", "resolved"]);
  });
});
