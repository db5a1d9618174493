import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { sqlFile } from "../../db/setup";
import { HAND_FIXTURE } from "../../history/testing/hand-fixture";
import { probeInstants } from "../../history/testing/instants";
import { answeredByPath, answerFrom, BOTH_PATHS } from "../../history/testing/paths";
import { historySql, randomHistory } from "../../history/testing/random-history";
import { depthAt } from "../../history/testing/replay";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { depthPoints } from "./points";
import { queueDepth } from "./report";

const user = demoUser("manager");

async function series(raw: Record<string, unknown>) {
  const params = queueDepth.params.parse({ queue: [], ...raw });
  const { queries, rows, truncated } = await runReport(queueDepth, params, { user });
  answeredByPath(queries);
  expect(truncated).toBe(false);
  return rows;
}

function byQueue(rows: { queue: string; depth: number }[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    out[r.queue] = [...(out[r.queue] ?? []), r.depth];
  }
  return out;
}

describe.each(BOTH_PATHS)("queue-depth on the hand-made history, from %s", (_, withStore) => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: HAND_FIXTURE }, { store: true });
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
  });
  afterAll(() => sources.drop());
  answerFrom(() => sources, withStore);

  it("counts each queue every hour of the day before 2026-03-01 12:00", async () => {
    const rows = await series({ at: "2026-03-01T12:00:00Z", span: "1" });
    // 25 points, 2026-02-28 12:00 … 2026-03-01 12:00; nothing exists before 08:00 (point 20).
    const points = rows.filter((r) => r.queue === "Email Support").map((r) => r.at.toISOString());
    expect(points).toHaveLength(25);
    expect([points[0], points[20], points[24]]).toEqual([
      "2026-02-28T12:00:00.000Z",
      "2026-03-01T08:00:00.000Z",
      "2026-03-01T12:00:00.000Z",
    ]);
    expect(new Set(points.map((p, i) => Date.parse(p) - Date.parse(points[0] as string) - i * 3_600_000))).toEqual(
      new Set([0]),
    );
    const zeros = Array<number>(20).fill(0);
    expect(byQueue(rows)).toEqual({
      // 08:00 101, 102 · 09:00 same · 10:00 101 moved out, 104 in · 11:00 102 resolved · 12:00 104 deleted
      "Email Support": [...zeros, 2, 2, 2, 1, 0],
      // 10:00 101 moved in, 103 (09:30) · 11:00 106 created · 12:00 103 merged; 106 resolved→pending stays
      Phone: [...zeros, 0, 0, 2, 3, 2],
    });
    expect(rows.at(-1)).toMatchObject({ queue: "Phone", team: "Ops", depth: 2 });
  });

  it("counts daily, names teams as they were at each point, and filters queues", async () => {
    // 2026-03-02 00:00 and the two days before: Email Support holds 102 (reopened 15:00) and 105 (13:00) at the end.
    const rows = await series({ at: "2026-03-02T00:00:00Z", span: "2", step: "day", queue: ["1"] });
    expect(rows.map((r) => [r.at.toISOString(), r.queue, r.team, r.depth])).toEqual([
      ["2026-02-28T00:00:00.000Z", "Email Support", "Team X", 0],
      ["2026-03-01T00:00:00.000Z", "Email Support", "Team X", 0],
      ["2026-03-02T00:00:00.000Z", "Email Support", "Division-1", 2],
    ]);
  });
});

describe.each(BOTH_PATHS)("queue-depth on a random history, from %s", (_, withStore) => {
  const history = randomHistory(424242, 3000);
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: historySql(history) }, { store: true });
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
    await sources.exec("helpdesk", "ANALYZE");
  });
  afterAll(() => sources.drop());
  answerFrom(() => sources, withStore);

  // Seconds on an idle machine; minutes on a shared one.
  it("matches the replay at every point, hourly and daily, ending at random instants", {
    timeout: 300_000,
  }, async () => {
    const cases = probeInstants(history, 99, 8).flatMap((at, i) => [
      { at, span: 1 + (i % 7), step: "hour" as const },
      { at, span: 20 + i, step: "day" as const },
    ]);
    let nonZero = 0;
    for (const c of cases) {
      const rows = await series({ at: c.at.toISOString(), span: String(c.span), step: c.step });
      const points = depthPoints(c.at, c.span, c.step, "UTC");
      const expected = depthAt(history, points).flatMap((counts, k) =>
        [...history.queues]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((q) => ({ at: points[k], queue_id: q.id, depth: counts.get(q.id) ?? 0 })),
      );
      expect(
        rows.map((r) => ({ at: r.at, queue_id: r.queue_id, depth: r.depth })),
        `${c.span} days by ${c.step} up to ${c.at.toISOString()}`,
      ).toEqual(expected);
      nonZero += rows.filter((r) => r.depth > 0).length;
    }
    expect(nonZero).toBeGreaterThan(500);
  });
});
