import { sql } from "kysely";
import { historyIndex } from "../../history";
import { ticketsAt } from "../../history/read";
import type { QueryContext } from "../types";
import { fieldsAt, inQueuesAt, queueFilter, teamNameAt, ticketIdRange, tuneSession } from "./as-of";

export interface QueueTicketRow {
  [key: string]: string | number | Date | null;
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
}

/**
 * One row per ticket in the queues at `at` (see as-of.ts), every field as of
 * `at`, optionally only those whose queue at `at` is one of `queues`. Oldest
 * tickets first within each queue: the ones nobody picked up.
 */
export async function ticketsInQueuesAt(
  ctx: Pick<QueryContext, "helpdesk" | "store" | "limit">,
  at: Date,
  queues: readonly number[],
): Promise<QueueTicketRow[]> {
  const { helpdesk, limit } = ctx;
  const history = await historyIndex(ctx);
  if (history) {
    // The tickets from the history index; the names (queues, their teams at `at`, assignees) from the replica.
    const { rows: queueRows } = await sql<{ id: number; name: string; team: string | null }>`
      SELECT q.id, q.name, ${teamNameAt(sql`q.team_id`, at)} AS team FROM queues q ORDER BY q.name, q.id`.execute(
      helpdesk,
    );
    const tickets = await ticketsAt(
      history,
      at,
      queues,
      queueRows.map((q) => q.id),
      limit,
    );
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
  await tuneSession(helpdesk);
  const range = await ticketIdRange(helpdesk, at);
  const result = await sql<QueueTicketRow>`
    WITH located AS MATERIALIZED (
      -- Per ticket in the queues: its fields and creation, by index lookups; the small tables join afterwards.
      SELECT o.ticket_id, o.status, o.status_since, x.queue_id, x.assignee_id, x.priority, c.created_at
      FROM (${inQueuesAt(at, range)}) o
      CROSS JOIN LATERAL (${fieldsAt(sql`o.ticket_id`, at)}) x
      -- LIMIT keeps this a lookup by primary key per ticket (a plain join may hash the whole table).
      CROSS JOIN LATERAL (SELECT t.created_at FROM tickets t WHERE t.id = o.ticket_id LIMIT 1) c
      WHERE ${queueFilter(queues)}::int[] IS NULL OR x.queue_id = ANY(${queueFilter(queues)}::int[])
    ),
    queue_teams AS (
      SELECT q.id, q.name, ${teamNameAt(sql`q.team_id`, at)} AS team FROM queues q
    )
    SELECT l.ticket_id, l.queue_id, qt.name AS queue, qt.team, l.status, l.priority, te.login AS assignee, l.created_at,
           floor(extract(epoch FROM ${at}::timestamptz - l.created_at))::bigint AS age_seconds, l.status_since
    FROM located l
    LEFT JOIN queue_teams qt ON qt.id = l.queue_id
    LEFT JOIN techs te ON te.id = l.assignee_id
    ORDER BY qt.name NULLS LAST, l.queue_id, l.created_at, l.ticket_id
    LIMIT ${limit}`.execute(helpdesk);
  return result.rows;
}
