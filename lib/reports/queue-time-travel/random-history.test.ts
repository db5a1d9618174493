import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { sqlFile } from "../../db/setup";
import { buildHistory } from "../../history";
import { probeInstants } from "../../history/testing/instants";
import { historySql, randomHistory } from "../../history/testing/random-history";
import { inQueuesAt, teamNameAt } from "../../history/testing/replay";
import { YOUNG_DAYS } from "../../sql/helpdesk/queue-candidates";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { queueTimeTravel } from "./report";

/**
 * The report against a plain in-memory replay of the same events, at many
 * instants, on a random history of thousands of tickets with every case the
 * history can hold (moves, reassignments, reopenings, merges, deletions,
 * several events on one instant, instants exactly on an event, instants
 * before a ticket existed).
 */
const history = randomHistory(20261121, 3000);
let sources: TestSources;
const user = demoUser("manager");

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: historySql(history) }, { store: true });
  await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
  await sources.exec("helpdesk", "ANALYZE");
  // The index is built on the first two thirds of the events; the rest arrive afterwards, as they would on a
  // live replica, and reach the index by catching up before the first report.
  const cut = history.events[Math.floor((history.events.length * 2) / 3)]?.id as number;
  await sources.exec(
    "helpdesk",
    `CREATE TABLE later AS SELECT * FROM ticket_events WHERE id >= ${cut}; DELETE FROM ticket_events WHERE id >= ${cut}`,
  );
  await sources.use();
  // Small chunks, so that the build's cuts between tickets are exercised too.
  const built = await buildHistory(undefined, { chunkEvents: 997 });
  expect(built.events).toBe(history.events.findIndex((e) => e.id === cut));
  await sources.exec("helpdesk", "INSERT INTO ticket_events SELECT * FROM later; DROP TABLE later");
});
afterAll(() => sources.drop());

describe.each([
  ["the history index", true],
  ["ticket_events on the replica", false],
])("queue-time-travel on a random history, from %s", (_, withStore) => {
  beforeAll(() => sources.use({}, { withStore }));

  it("has the cases worth checking", () => {
    const statuses = new Set(history.events.filter((e) => e.field === "status").map((e) => e.newValue));
    expect([...statuses].sort()).toEqual([
      "closed",
      "deleted",
      "merged",
      "new",
      "on_hold",
      "open",
      "pending",
      "resolved",
    ]);
    const reopened = history.events.filter(
      (e) => e.field === "status" && e.oldValue === "resolved" && e.newValue === "open",
    );
    expect(reopened.length).toBeGreaterThan(50);
    const sameInstantSameField = history.events.filter((e, i) => {
      const prev = history.events[i - 1];
      return prev && prev.ticketId === e.ticketId && prev.field === e.field && prev.at.getTime() === e.at.getTime();
    });
    expect(sameInstantSameField.length).toBeGreaterThan(50);
    expect(history.events.length).toBeGreaterThan(20_000);
  });

  // Seconds on an idle machine; minutes on a shared one.
  it("matches the replay exactly at 60 instants", { timeout: 300_000 }, async () => {
    const logins = new Map(history.techs.map((t) => [t.id, t.login]));
    const queues = new Map(history.queues.map((q) => [q.id, q]));
    const created = new Map(history.tickets.map((t) => [t.id, t.createdAt]));
    let nonEmpty = 0;
    let older = 0;
    for (const at of probeInstants(history, 7, 60)) {
      const params = queueTimeTravel.params.parse({ at: at.toISOString(), queue: [] });
      const { rows, truncated, queries } = await runReport(queueTimeTravel, params, { user });
      expect(queries.some((q) => q.source === "lookback")).toBe(withStore);
      expect(truncated).toBe(false);
      const expected = inQueuesAt(history, at).map((t) => {
        const queue = t.queueId === null ? undefined : queues.get(t.queueId);
        const createdAt = created.get(t.ticketId) as Date;
        return {
          ticket_id: t.ticketId,
          queue_id: t.queueId,
          queue: queue?.name ?? null,
          team: queue ? teamNameAt(history, queue.teamId, at) : null,
          status: t.status,
          priority: t.priority,
          assignee: t.assigneeId === null ? null : (logins.get(t.assigneeId) ?? null),
          created_at: createdAt,
          age_seconds: (at.getTime() - createdAt.getTime()) / 1000,
          status_since: t.statusSince,
        };
      });
      const actual = [...rows].sort((a, b) => a.ticket_id - b.ticket_id);
      expect(actual, `at ${at.toISOString()}`).toEqual(expected);
      if (expected.length > 0) nonEmpty++;
      older += expected.filter((r) => at.getTime() - r.created_at.getTime() > YOUNG_DAYS * 86_400_000).length;
    }
    expect(nonEmpty).toBeGreaterThan(50);
    // Tickets older than the young window (found through the tickets_alive path on the replica).
    expect(older).toBeGreaterThan(300);
  });
});
