import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../../auth/session";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { ticketList } from "./report";

/*
 * Two customers' tickets in UTC (the test's reporting zone):
 *   Acme (1): 20 created 2026-01-05 (Network), 21 2026-01-20 (Support), 22 2026-02-03 (after the range)
 *   Bolt (2): 30 created 2026-01-10 (Support)
 */
const FIXTURE = `
INSERT INTO teams VALUES (10);
INSERT INTO customers VALUES (1, 'Acme', NULL, '2024-01-01T00:00Z'), (2, 'Bolt', NULL, '2024-01-01T00:00Z');
INSERT INTO queues VALUES (1, 'Support', 10), (2, 'Network', 10);
INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id, updated_at, resolved_at, merged_into_id) VALUES
  (20, 1, 'VPN down', 'email', 3, '2026-01-05T10:00Z', 'open', 2, NULL, '2026-01-05T10:00Z', NULL, NULL),
  (21, 1, 'Printer jam', 'phone', 3, '2026-01-20T10:00Z', 'open', 1, NULL, '2026-01-20T10:00Z', NULL, NULL),
  (22, 1, 'Mailbox full', 'portal', 3, '2026-02-03T10:00Z', 'open', 1, NULL, '2026-02-03T10:00Z', NULL, NULL),
  (30, 2, 'Password reset', 'email', 3, '2026-01-10T10:00Z', 'open', 1, NULL, '2026-01-10T10:00Z', NULL, NULL);
`;

const january = { from: "2026-01-01", to: "2026-01-31" };

async function listed(raw: Record<string, unknown>): Promise<number[]> {
  const { rows } = await runReport(ticketList, ticketList.params.parse(raw), { user: demoUser("tech") });
  return rows.map((r) => r.ticket_id);
}

describe("ticket-list by customer", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: FIXTURE });
    await sources.use({ LOOKBACK_TZ: "UTC" });
  });
  afterAll(() => sources.drop());

  it("keeps one customer's tickets of the range, newest first", async () => {
    expect(await listed(january)).toEqual([21, 30, 20]);
    expect(await listed({ ...january, customer: "1" })).toEqual([21, 20]);
    expect(await listed({ ...january, customer: "2" })).toEqual([30]);
  });

  it("combines with the other filters", async () => {
    expect(await listed({ ...january, customer: "1", queue: ["1"] })).toEqual([21]);
    expect(await listed({ ...january, customer: "2", queue: ["2"] })).toEqual([]);
  });

  it("refuses a customer the helpdesk does not have, naming the parameter", async () => {
    await expect(listed({ ...january, customer: "3" })).rejects.toMatchObject({
      kind: "invalid_params",
      issues: [{ param: "customer", message: "3 is not a known customer" }],
    });
  });
});

describe("ticket-list by kind", () => {
  let sources: TestSources;
  beforeAll(async () => {
    // Besides the fixture: 23, a subject of punctuation only, in January; 24, a password reset in December.
    sources = await createTestSources({
      helpdesk: `${FIXTURE}
        INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id, updated_at, resolved_at, merged_into_id) VALUES
          (23, 2, '???', 'email', 3, '2026-01-15T10:00Z', 'open', 1, NULL, '2026-01-15T10:00Z', NULL, NULL),
          (24, 2, 'PASSWORD RESET', 'email', 3, '2025-12-01T10:00Z', 'open', 1, NULL, '2025-12-01T10:00Z', NULL, NULL);`,
    });
    await sources.use({ LOOKBACK_TZ: "UTC" });
  });
  afterAll(() => sources.drop());

  it("keeps the range's tickets of one subject template, an empty one among them", async () => {
    expect(await listed({ ...january, kind: "password reset" })).toEqual([30]);
    // Recurring work names the template of '???' '<empty>' and links kind=<empty>: exactly that ticket.
    expect(await listed({ ...january, kind: "<empty>" })).toEqual([23]);
  });

  it("keeps a ticket number whatever the range, and of the kind or not at all", async () => {
    expect(await listed({ ...january, ticket: "24" })).toEqual([24]);
    expect(await listed({ ...january, ticket: "24", kind: "password reset" })).toEqual([24]);
    expect(await listed({ ...january, ticket: "24", kind: "vpn down" })).toEqual([]);
  });
});
