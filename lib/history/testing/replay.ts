import type { History, HistoryEvent } from "./random-history";

/**
 * The plain, obviously-correct reading of the definition that the SQL is
 * checked against: walk every event in (at, id) order up to T and keep each
 * ticket's last value per field.
 */
export interface ReplayedTicket {
  ticketId: number;
  status: string | null;
  statusSince: Date | null;
  queueId: number | null;
  assigneeId: number | null;
  priority: number | null;
}

export function stateAt(history: History, at: Date): Map<number, ReplayedTicket> {
  const state = new Map<number, ReplayedTicket>();
  for (const e of history.events) {
    if (e.at.getTime() > at.getTime()) break;
    const t = state.get(e.ticketId) ?? {
      ticketId: e.ticketId,
      status: null,
      statusSince: null,
      queueId: null,
      assigneeId: null,
      priority: null,
    };
    apply(t, e);
    state.set(e.ticketId, t);
  }
  return state;
}

function apply(t: ReplayedTicket, e: HistoryEvent): void {
  const n = e.newValue === null ? null : Number(e.newValue);
  if (e.field === "status") {
    t.status = e.newValue;
    t.statusSince = e.at;
  } else if (e.field === "queue") t.queueId = n;
  else if (e.field === "assignee") t.assigneeId = n;
  else t.priority = n;
}

/**
 * In the queues, as report-definitions.md says it: new, open, pending or on hold. Written here again on purpose:
 * this replay is the tests' reference, so it does not read the list the reports use (statuses.ts).
 */
const IN_QUEUE = new Set(["new", "open", "pending", "on_hold"]);
const isInQueueStatus = (status: string | null | undefined) => status != null && IN_QUEUE.has(status);

/** Tickets in the queues at T, by id. */
export function inQueuesAt(history: History, at: Date): ReplayedTicket[] {
  return [...stateAt(history, at).values()]
    .filter((t) => isInQueueStatus(t.status))
    .sort((a, b) => a.ticketId - b.ticketId);
}

/** The team name in force at T (the earliest name before the first one took effect). */
export function teamNameAt(history: History, teamId: number, at: Date): string | null {
  const names = history.teamNames
    .filter((n) => n.teamId === teamId)
    .sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime());
  const inForce = names.filter((n) => n.validFrom.getTime() <= at.getTime()).at(-1) ?? names[0];
  return inForce?.name ?? null;
}

/** Depth per queue id at each point: the replay's answer for queue-depth. */
export function depthAt(history: History, points: readonly Date[]): Map<number, number>[] {
  return points.map((p) => {
    const counts = new Map<number, number>();
    for (const t of inQueuesAt(history, p)) {
      if (t.queueId !== null) counts.set(t.queueId, (counts.get(t.queueId) ?? 0) + 1);
    }
    return counts;
  });
}

export interface ReplayedChange {
  ticketId: number;
  change: "arrived" | "moved" | "left";
  reason: string;
  fromQueueId: number | null;
  toQueueId: number | null;
}

/** What changed in the queues between T1 and T2, by comparing the two replayed states: the replay's queue-changes. */
export function changesBetween(history: History, since: Date, at: Date): ReplayedChange[] {
  const before = stateAt(history, since);
  const after = stateAt(history, at);
  const out: ReplayedChange[] = [];
  for (const ticketId of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(ticketId);
    const a = after.get(ticketId);
    const inBefore = isInQueueStatus(b?.status);
    const inAfter = isInQueueStatus(a?.status);
    const fromQueueId = inBefore ? (b?.queueId ?? null) : null;
    const toQueueId = inAfter ? (a?.queueId ?? null) : null;
    if (inBefore && inAfter && fromQueueId !== toQueueId)
      out.push({ ticketId, change: "moved", reason: "moved", fromQueueId, toQueueId });
    else if (!inBefore && inAfter) {
      out.push({ ticketId, change: "arrived", reason: b?.status ? "reopened" : "created", fromQueueId, toQueueId });
    } else if (inBefore && !inAfter) {
      out.push({ ticketId, change: "left", reason: a?.status ?? "", fromQueueId, toQueueId });
    }
  }
  return out.sort((x, y) => x.ticketId - y.ticketId);
}
