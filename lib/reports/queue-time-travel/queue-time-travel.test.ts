import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { sqlFile } from "../../db/setup";
import { HAND_FIXTURE } from "../../history/testing/hand-fixture";
import { answeredByPath, answerFrom, BOTH_PATHS } from "../../history/testing/paths";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { queueTimeTravel } from "./report";

let sources: TestSources;
const user = demoUser("manager");

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HAND_FIXTURE }, { store: true });
  await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
});
afterAll(() => sources.drop());

async function run(raw: { at: string; queue?: string[] }) {
  const params = queueTimeTravel.params.parse({ queue: [], ...raw });
  const { queries, rows } = await runReport(queueTimeTravel, params, { user });
  answeredByPath(queries);
  return rows;
}

const at = (iso: string) => new Date(iso);

describe.each(BOTH_PATHS)("queue-time-travel on a hand-made history, from %s", (_, withStore) => {
  answerFrom(() => sources, withStore);
  it("counts an event exactly at T, and breaks ties on one instant by event id", async () => {
    // At 12:00: 101 turned open (in), 103 open→merged (out: merged has the higher id), 104 deleted (out),
    // 106 resolved→pending (in: pending has the higher id) and unassigned at the same instant; 102 resolved at 11:00.
    expect(await run({ at: "2026-03-01T12:00:00Z" })).toEqual([
      {
        ticket_id: 101,
        queue_id: 2,
        queue: "Phone",
        team: "Ops",
        status: "open",
        priority: 3,
        assignee: "ann",
        created_at: at("2026-03-01T08:00:00Z"),
        age_seconds: 4 * 3600, // 12:00 − 08:00
        status_since: at("2026-03-01T12:00:00Z"),
      },
      {
        ticket_id: 106,
        queue_id: 2,
        queue: "Phone",
        team: "Ops",
        status: "pending",
        priority: 3,
        assignee: null,
        created_at: at("2026-03-01T11:00:00Z"),
        age_seconds: 3600, // 12:00 − 11:00
        status_since: at("2026-03-01T12:00:00Z"),
      },
    ]);
  });

  it("shows the state one second before those events, with the team name then in force", async () => {
    const rows = await run({ at: "2026-03-01T11:59:59Z" });
    // Email Support first (by queue name), then Phone; oldest first within a queue.
    expect(rows.map((r) => [r.ticket_id, r.queue, r.team, r.status, r.assignee, r.age_seconds])).toEqual([
      [104, "Email Support", "Team X", "new", null, 7199], // 11:59:59 − 10:00
      [101, "Phone", "Ops", "new", "ann", 14399], // moved to Phone at 10:00; 11:59:59 − 08:00
      [103, "Phone", "Ops", "new", null, 8999], // 11:59:59 − 09:30
      [106, "Phone", "Ops", "new", "ann", 3599], // 11:59:59 − 11:00
    ]);
    expect(rows.map((r) => r.status_since.toISOString())).toEqual([
      "2026-03-01T10:00:00.000Z",
      "2026-03-01T08:00:00.000Z",
      "2026-03-01T09:30:00.000Z",
      "2026-03-01T11:00:00.000Z",
    ]);
  });

  it("lists a reopened ticket, not a ticket before it existed, and filters by the queue at T", async () => {
    // 2026-03-02 00:00: 102 reopened at 15:00 (Email Support, bob), 105 created at 13:00; Team X became Division-1 exactly then.
    const rows = await run({ at: "2026-03-02T00:00:00Z", queue: ["1"] });
    expect(rows.map((r) => [r.ticket_id, r.queue, r.team, r.status, r.assignee, r.priority])).toEqual([
      [102, "Email Support", "Division-1", "open", "bob", 2],
      [105, "Email Support", "Division-1", "new", null, 2],
    ]);
    expect(rows[0]?.status_since).toEqual(at("2026-03-01T15:00:00Z"));
    const before = await run({ at: "2026-03-01T07:59:59Z" });
    expect(before).toEqual([]); // nothing existed yet
  });
});

describe("queue-time-travel for tickets older than the young window", () => {
  /**
   * Four tickets created 2026-01-01 08:00, asked about on 2026-05-01 (120 days later, far beyond YOUNG_DAYS):
   *   201 on hold since 01-02, still on hold; its tickets row says so              → listed
   *   202 on hold since 01-02, resolved 06-01, closed 06-06; row: closed, 06-06      → listed (on hold at T)
   *   203 on hold since 01-02, still on hold; row wrongly says closed on 01-03       → not found: a wrong row can hide an old ticket
   *   204 closed 01-05; row wrongly says on hold                                     → not listed: a wrong row never adds one
   */
  let old: TestSources;
  beforeAll(async () => {
    old = await createTestSources({
      helpdesk: `
        INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
        INSERT INTO teams VALUES (1);
        INSERT INTO team_names VALUES (1, 'Team X', '2025-01-01T00:00Z');
        INSERT INTO queues VALUES (1, 'Email Support', 1);
        INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01');
        INSERT INTO tickets VALUES
          (201, 1, 'a', 'email', 3, '2026-01-01T08:00Z', 'on_hold', 1, NULL, '2026-01-02T08:00Z', NULL, NULL),
          (202, 1, 'b', 'email', 3, '2026-01-01T08:00Z', 'closed', 1, NULL, '2026-06-06T08:00Z', '2026-06-01T08:00Z', NULL),
          (203, 1, 'c', 'email', 3, '2026-01-01T08:00Z', 'closed', 1, NULL, '2026-01-03T08:00Z', NULL, NULL),
          (204, 1, 'd', 'email', 3, '2026-01-01T08:00Z', 'on_hold', 1, NULL, '2026-01-05T08:00Z', NULL, NULL);
        INSERT INTO ticket_events
          SELECT row_number() OVER (ORDER BY at, t, f), t, at::timestamptz, NULL, f, NULL, v FROM (VALUES
            (201, '2026-01-01T08:00Z', 'status', 'new'), (201, '2026-01-01T08:00Z', 'queue', '1'), (201, '2026-01-02T08:00Z', 'status', 'on_hold'),
            (202, '2026-01-01T08:00Z', 'status', 'new'), (202, '2026-01-01T08:00Z', 'queue', '1'), (202, '2026-01-02T08:00Z', 'status', 'on_hold'),
            (202, '2026-06-01T08:00Z', 'status', 'resolved'), (202, '2026-06-06T08:00Z', 'status', 'closed'),
            (203, '2026-01-01T08:00Z', 'status', 'new'), (203, '2026-01-01T08:00Z', 'queue', '1'), (203, '2026-01-02T08:00Z', 'status', 'on_hold'),
            (204, '2026-01-01T08:00Z', 'status', 'new'), (204, '2026-01-01T08:00Z', 'queue', '1'), (204, '2026-01-05T08:00Z', 'status', 'closed')
          ) v(t, at, f, v);`,
    });
    await old.exec("helpdesk", await sqlFile("indexes", "helpdesk", "queue-time-travel.sql"));
  });
  afterAll(() => old.drop());
  answerFrom(() => old, false);

  it("finds the forgotten holds from their history, and never believes a ticket row over it", async () => {
    const rows = await run({ at: "2026-05-01T00:00:00Z" });
    expect(rows.map((r) => [r.ticket_id, r.status, r.status_since.toISOString(), r.age_seconds])).toEqual([
      [201, "on_hold", "2026-01-02T08:00:00.000Z", 119 * 86_400 + 16 * 3600], // 01-01 08:00 → 05-01 00:00: 119 days 16 hours
      [202, "on_hold", "2026-01-02T08:00:00.000Z", 119 * 86_400 + 16 * 3600],
    ]);
  });
});
