import { sql } from "kysely";
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
  { helpdesk, limit }: Pick<QueryContext, "helpdesk" | "limit">,
  at: Date,
  queues: readonly number[],
): Promise<QueueTicketRow[]> {
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
