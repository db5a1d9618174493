import { IN_QUEUE_STATUSES } from "@/lib/sql/helpdesk/statuses";
import { seededRandom } from "../../seeded-random";

/**
 * Random ticket histories for the integration tests: tickets created over four
 * months, then moved between queues, reassigned (and unassigned), reprioritised,
 * put on hold (some forgotten there for months), resolved, reopened, closed,
 * merged and deleted, with bursts of events that share one timestamp (even two
 * changes of one field at the same instant, ordered by id). Every value is
 * deterministic for a seed.
 *
 * The fixture fills the `tickets` table as the helpdesk keeps it for status
 * and updated_at (the last status, the last event), and with a queue,
 * assignee and priority that are deliberately wrong (queue 1, tech 1,
 * priority 4), so a report that reads the current columns instead of the
 * history fails the tests.
 */
export interface HistoryEvent {
  id: number;
  ticketId: number;
  at: Date;
  field: "status" | "queue" | "assignee" | "priority";
  oldValue: string | null;
  newValue: string | null;
}

export interface History {
  start: Date;
  end: Date;
  queues: { id: number; name: string; teamId: number }[];
  teamNames: { teamId: number; name: string; validFrom: Date }[];
  techs: { id: number; login: string }[];
  tickets: { id: number; createdAt: Date }[];
  /** Sorted by (at, id). */
  events: HistoryEvent[];
}

const DAY = 86_400_000;

const NEXT_STATUS: Record<string, string[]> = {
  new: ["open", "open", "pending", "resolved", "merged", "deleted"],
  open: ["pending", "on_hold", "resolved", "resolved", "merged", "new"],
  pending: ["open", "resolved", "on_hold", "closed"],
  on_hold: ["open", "pending", "resolved"],
  resolved: ["closed", "closed", "open", "pending"],
  closed: ["open"],
  merged: ["open"],
  deleted: ["new"],
};

export function randomHistory(seed: number, ticketCount: number): History {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const start = new Date("2026-03-01T00:00:00Z");
  const end = new Date(start.getTime() + 130 * DAY);
  const queues = [
    { id: 1, name: "Email Support", teamId: 1 },
    { id: 2, name: "Phone", teamId: 1 },
    { id: 3, name: "Monitoring", teamId: 2 },
    { id: 4, name: "Billing questions", teamId: 3 },
  ];
  const teamNames = [
    { teamId: 1, name: "Team X", validFrom: new Date("2025-01-01T00:00:00Z") },
    { teamId: 1, name: "Division-1", validFrom: new Date("2026-03-15T12:00:00Z") },
    { teamId: 1, name: "N-1", validFrom: new Date("2026-03-30T00:00:00Z") },
    { teamId: 2, name: "Ops", validFrom: new Date("2025-06-01T00:00:00Z") },
    { teamId: 3, name: "Money", validFrom: new Date("2026-03-10T00:00:00Z") },
  ];
  const techs = [1, 2, 3, 4, 5].map((id) => ({ id, login: `tech${id}` }));
  const tickets: History["tickets"] = [];
  const raw: Omit<HistoryEvent, "id">[] = [];
  for (let ticketId = 1; ticketId <= ticketCount; ticketId++) {
    // Whole seconds, so JavaScript dates and PostgreSQL timestamps agree exactly.
    let t = start.getTime() + Math.floor(rnd() * 120 * 86_400) * 1000;
    tickets.push({ id: ticketId, createdAt: new Date(t) });
    const state: Record<HistoryEvent["field"], string | null> = {
      status: "new",
      queue: String(pick(queues).id),
      priority: String(1 + Math.floor(rnd() * 4)),
      assignee: rnd() < 0.3 ? String(pick(techs).id) : null,
    };
    const emit = (field: HistoryEvent["field"], value: string | null, creation = false) => {
      raw.push({ ticketId, at: new Date(t), field, oldValue: creation ? null : state[field], newValue: value });
      state[field] = value;
    };
    emit("status", "new", true);
    emit("queue", state.queue, true);
    emit("priority", state.priority, true);
    if (state.assignee !== null) emit("assignee", state.assignee, true);
    const changes = Math.floor(rnd() * 12);
    for (let i = 0; i < changes; i++) {
      // A quarter of the changes share the previous change's instant.
      const r = rnd();
      // One change in 40 comes after months: a ticket forgotten on hold, or left new or pending.
      const gapDays = rnd() < 0.025 ? 20 + rnd() * 90 : rnd() * 5;
      t += r < 0.25 ? 0 : r < 0.6 ? Math.floor(rnd() * 3600) * 1000 : Math.floor(gapDays * 86_400) * 1000;
      if (t > end.getTime()) break;
      const kind = rnd();
      if (kind < 0.45) emit("status", pick(NEXT_STATUS[state.status ?? "new"] ?? IN_QUEUE_STATUSES));
      else if (kind < 0.7) emit("queue", String(pick(queues.filter((q) => String(q.id) !== state.queue)).id));
      else if (kind < 0.9) emit("assignee", rnd() < 0.25 ? null : String(pick(techs).id));
      else emit("priority", String(1 + Math.floor(rnd() * 4)));
    }
  }
  // Ids grow with `at`; events that share an instant get ids in random order, so (at, id) is what decides.
  const shuffled = raw
    .map((e) => ({ e, key: rnd() }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.key - b.key);
  const events = shuffled.map(({ e }) => e);
  stableTicketOrder(events, raw);
  return { start, end, queues, teamNames, techs, tickets, events: events.map((e, i) => ({ ...e, id: 1000 + i })) };
}

/**
 * Shuffling events that share an instant must not swap two events of the same
 * ticket and field (the second's old_value is the first's new_value): put each
 * ticket's events back in emission order within the slots it occupies.
 */
function stableTicketOrder(events: Omit<HistoryEvent, "id">[], emitted: Omit<HistoryEvent, "id">[]): void {
  const order = new Map(emitted.map((e, i) => [e, i]));
  const slots = new Map<number, number[]>();
  events.forEach((e, i) => {
    const list = slots.get(e.ticketId) ?? [];
    list.push(i);
    slots.set(e.ticketId, list);
  });
  for (const indexes of slots.values()) {
    const mine = indexes.map((i) => events[i] as Omit<HistoryEvent, "id">);
    mine.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    indexes.forEach((slot, k) => {
      events[slot] = mine[k] as Omit<HistoryEvent, "id">;
    });
  }
}

const lit = (v: string | null) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`);
const ts = (d: Date) => `'${d.toISOString()}'`;

/** The helpdesk fixture SQL for a history (tickets with a wrong queue, assignee and priority on purpose). */
export function historySql(h: History): string {
  const last = new Map<number, { status: string; at: Date }>();
  for (const e of h.events) {
    const known = last.get(e.ticketId);
    last.set(e.ticketId, { status: e.field === "status" ? (e.newValue ?? "") : (known?.status ?? ""), at: e.at });
  }
  const lines: string[] = [
    "INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');",
    `INSERT INTO techs VALUES ${h.techs.map((t) => `(${t.id}, ${lit(t.login)}, 'Tech ${t.id}', 1, '2020-01-01', NULL)`).join(", ")};`,
    `INSERT INTO teams VALUES ${[...new Set(h.teamNames.map((n) => n.teamId))].map((id) => `(${id})`).join(", ")};`,
    `INSERT INTO team_names VALUES ${h.teamNames.map((n) => `(${n.teamId}, ${lit(n.name)}, ${ts(n.validFrom)})`).join(", ")};`,
    `INSERT INTO queues VALUES ${h.queues.map((q) => `(${q.id}, ${lit(q.name)}, ${q.teamId})`).join(", ")};`,
    "INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01');",
  ];
  for (let i = 0; i < h.tickets.length; i += 1000) {
    const chunk = h.tickets.slice(i, i + 1000);
    lines.push(
      `INSERT INTO tickets VALUES ${chunk
        .map(
          (t) =>
            `(${t.id}, 1, 'Ticket ${t.id}', 'email', 4, ${ts(t.createdAt)}, 'open', 1, 1, ${ts(h.end)}, NULL, NULL)`,
        )
        .join(", ")};`,
    );
  }
  for (let i = 0; i < h.events.length; i += 2000) {
    const chunk = h.events.slice(i, i + 2000);
    lines.push(
      `INSERT INTO ticket_events VALUES ${chunk
        .map((e) => `(${e.id}, ${e.ticketId}, ${ts(e.at)}, NULL, '${e.field}', ${lit(e.oldValue)}, ${lit(e.newValue)})`)
        .join(", ")};`,
    );
  }
  return lines.join("\n");
}
