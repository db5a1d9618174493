import { isInQueueStatus } from "../sql/helpdesk/statuses";

/**
 * One row of ticket_events as the history index reads it. `at` stays the
 * text PostgreSQL printed (session zone UTC), microseconds and all: a
 * JavaScript Date would round it to the millisecond, and an instant exactly
 * on an event must count the event.
 */
export interface SourceEvent {
  ticket_id: number;
  at: string;
  id: number;
  field: string;
  new_value: string | null;
}

/**
 * A stretch of time during which a ticket was in the queues (status new,
 * open, pending or on_hold) with the same fields: [from, to), `to` null while
 * it still is. The state at T of every ticket in the queues at T is the span
 * that contains T.
 */
export interface QueueSpan {
  ticket_id: number;
  from: string;
  to: string | null;
  status: string;
  queue_id: number | null;
  assignee_id: number | null;
  priority: number | null;
  /** `at` of the status event in force. */
  status_since: string;
  /** `at` of the ticket's first event: when it began to exist. */
  created_at: string;
}

interface State {
  status: string | null;
  statusSince: string | null;
  queueId: number | null;
  assigneeId: number | null;
  priority: number | null;
}

/**
 * The spans of tickets whose events arrive sorted by (ticket_id, at, id),
 * the definition's order, each ticket's events together. Events that share
 * one instant are applied together before the state is read: at that
 * instant only the result of all of them is ever in force.
 */
export function* queueSpans(events: Iterable<SourceEvent>): Generator<QueueSpan> {
  let ticket: number | undefined;
  let createdAt = "";
  let state: State = emptyState();
  let open: QueueSpan | null = null;
  let pendingAt: string | null = null;

  // The state after every event at `pendingAt` is final: close the open span if it changed, open one if in the queues.
  function* settle(): Generator<QueueSpan> {
    if (pendingAt === null || ticket === undefined) return;
    const at = pendingAt;
    pendingAt = null;
    if (open && sameState(open, state)) return;
    if (open) {
      open.to = at;
      yield open;
      open = null;
    }
    if (isInQueueStatus(state.status)) {
      open = {
        ticket_id: ticket,
        from: at,
        to: null,
        status: state.status as string,
        queue_id: state.queueId,
        assignee_id: state.assigneeId,
        priority: state.priority,
        status_since: state.statusSince as string,
        created_at: createdAt,
      };
    }
  }

  for (const e of events) {
    if (e.ticket_id !== ticket) {
      yield* settle();
      if (open) yield open;
      open = null;
      ticket = e.ticket_id;
      createdAt = e.at;
      state = emptyState();
    } else if (e.at !== pendingAt) {
      yield* settle();
    }
    pendingAt = e.at;
    apply(state, e);
  }
  yield* settle();
  if (open) yield open;
}

function emptyState(): State {
  return { status: null, statusSince: null, queueId: null, assigneeId: null, priority: null };
}

function apply(state: State, e: SourceEvent): void {
  switch (e.field) {
    case "status":
      state.status = e.new_value;
      state.statusSince = e.at;
      break;
    case "queue":
      state.queueId = idOf(e);
      break;
    case "assignee":
      state.assigneeId = idOf(e);
      break;
    case "priority":
      state.priority = idOf(e);
      break;
  }
}

function sameState(span: QueueSpan, s: State): boolean {
  return (
    span.status === s.status &&
    span.status_since === s.statusSince &&
    span.queue_id === s.queueId &&
    span.assignee_id === s.assigneeId &&
    span.priority === s.priority
  );
}

/** Queue and assignee hold ids, priority a number; anything else breaks the contract and says where. */
function idOf(e: SourceEvent): number | null {
  if (e.new_value === null) return null;
  const n = Number(e.new_value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`ticket_events ${e.id}: ${e.field} '${e.new_value}' is not a number (ticket ${e.ticket_id})`);
  }
  return n;
}
