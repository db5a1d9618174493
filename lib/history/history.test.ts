import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../auth/session";
import { queueTimeTravel } from "../reports/queue-time-travel/report";
import { runReport } from "../reports/run";
import { createTestSources, type TestSources } from "../testing/databases";
import { buildHistory, ensureHistoryBuilding } from ".";
import { HAND_FIXTURE } from "./testing/hand-fixture";

/** The history index's life: not built, building, used; and a database of our own that does not answer. */
let sources: TestSources;
const user = demoUser("manager");
const params = queueTimeTravel.params.parse({ at: "2026-03-01T12:00:00Z", queue: [] });
const fromIndex = (queries: { source: string; sql: string }[]) =>
  queries.some((q) => q.source === "lookback" && q.sql.includes("history_spans"));

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HAND_FIXTURE }, { store: true });
});
afterAll(() => sources.drop());

describe("the history index", () => {
  it("answers from the replica until it is built, starts building on first use, then answers itself", async () => {
    await sources.use();
    const first = await runReport(queueTimeTravel, params, { user });
    expect(fromIndex(first.queries)).toBe(false);
    // At 12:00 the hand-made history has 101 and 106 in the queues (queue-time-travel.test.ts works it out).
    expect(first.rows.map((r) => r.ticket_id)).toEqual([101, 106]);
    await ensureHistoryBuilding(); // the build the first run started
    const second = await runReport(queueTimeTravel, params, { user });
    expect(fromIndex(second.queries)).toBe(true);
    expect(second.rows).toEqual(first.rows);
  });

  it("catches up with events that arrive after the build, before answering", async () => {
    await sources.exec(
      "helpdesk",
      `INSERT INTO ticket_events (id, ticket_id, at, actor_id, field, old_value, new_value)
       SELECT max(id) + 1, 101, '2026-03-01T11:59:59Z', NULL, 'priority', NULL, '1' FROM ticket_events`,
    );
    const { rows, queries } = await runReport(queueTimeTravel, params, { user });
    expect(fromIndex(queries)).toBe(true);
    expect(rows.find((r) => r.ticket_id === 101)?.priority).toBe(1);
  });

  it("lets one build run at a time, across processes: a second is refused while the first runs", async () => {
    const both = await Promise.allSettled([buildHistory(), buildHistory()]);
    expect(both.filter((b) => b.status === "fulfilled")).toHaveLength(1);
    expect(both.find((b) => b.status === "rejected")).toMatchObject({
      reason: { message: expect.stringMatching(/another Lookback process is building/) },
    });
    const { rows, queries } = await runReport(queueTimeTravel, params, { user });
    expect(fromIndex(queries)).toBe(true);
    expect(rows.find((r) => r.ticket_id === 101)?.priority).toBe(1);
  });

  it("answers from the replica when our own database does not answer", async () => {
    const expected = (await runReport(queueTimeTravel, params, { user })).rows;
    const unreachable = new URL(sources.storeUrl as string);
    unreachable.port = "1"; // nothing listens there
    await sources.use({ LOOKBACK_DATABASE_URL: unreachable.toString(), LOOKBACK_CONNECT_TIMEOUT_MS: "1000" });
    const { rows, queries } = await runReport(queueTimeTravel, params, { user });
    expect(fromIndex(queries)).toBe(false);
    expect(rows).toEqual(expected);
  });
});
