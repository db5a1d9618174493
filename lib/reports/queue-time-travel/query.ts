import "server-only";
import { sql } from "kysely";
import { historyIndex, storedSpans } from "../../history";
import { candidatesAt, ticketIdRange, tuneSession } from "../../sql/helpdesk/queue-candidates";
import { queueSpans, spansAt } from "../../sql/helpdesk/queue-spans";
import { teamNameInForce } from "../../sql/helpdesk/team-name";
import type { QueryContext } from "../types";

export type QueueTicketRow = {
  ticket_id: number;
  queue_id: number | null;
  queue: string | null;
  team: string | null;
  status: string;
  priority: number | null;
  assignee: string | null;
  created_at: Date;
  age_seconds: number;
  status_since: Date;
};

/**
 * One row per ticket in the queues at `at`: the spans that contain `at`
 * (lib/sql/helpdesk/queue-spans.ts), stored in the history index or folded on
 * the fly for the tickets that may be in the queues then; optionally only
 * those whose queue at `at` is one of `queues`. Oldest tickets first within
 * each queue: the ones nobody picked up. Names (queues, their teams at `at`,
 * assignees) from the replica.
 */
export async function ticketsInQueuesAt(
  ctx: Pick<QueryContext, "helpdesk" | "store" | "limit">,
  at: Date,
  queues: readonly number[],
): Promise<QueueTicketRow[]> {
  const { helpdesk, limit } = ctx;
  const history = await historyIndex(ctx);
  const { rows: queueRows } = await sql<{ id: number; name: string; team: string | null }>`
    SELECT q.id, q.name, ${teamNameInForce(sql<number>`q.team_id`, at)} AS team FROM queues q ORDER BY q.name, q.id`.execute(
    helpdesk,
  );
  let spans = storedSpans;
  if (!history) {
    await tuneSession(helpdesk);
    spans = queueSpans({ among: candidatesAt(at, await ticketIdRange(helpdesk, at)) }, null);
  }
  const { rows: tickets } = await spansAt(
    spans,
    at,
    queues,
    queueRows.map((q) => q.id),
    limit,
  ).execute(history ?? helpdesk);
  const assignees = [...new Set(tickets.flatMap((t) => (t.assignee_id === null ? [] : [t.assignee_id])))];
  const { rows: logins } = await sql<{ id: number; login: string }>`
    SELECT id, login FROM techs WHERE id = ANY(${assignees}::int[])`.execute(helpdesk);
  const queueById = new Map(queueRows.map((q) => [q.id, q]));
  const loginById = new Map(logins.map((t) => [t.id, t.login]));
  return tickets.map((t) => {
    const queue = t.queue_id === null ? undefined : queueById.get(t.queue_id);
    return {
      ticket_id: t.ticket_id,
      queue_id: t.queue_id,
      queue: queue?.name ?? null,
      team: queue?.team ?? null,
      status: t.status,
      priority: t.priority,
      assignee: t.assignee_id === null ? null : (loginById.get(t.assignee_id) ?? null),
      created_at: t.created_at,
      age_seconds: t.age_seconds,
      status_since: t.status_since,
    };
  });
}
