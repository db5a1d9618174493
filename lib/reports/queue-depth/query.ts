import "server-only";
import { sql } from "kysely";
import { DEPTH, historyIndex } from "../../history";
import { candidatesDuring, ticketIdRange, tuneSession } from "../../sql/helpdesk/queue-candidates";
import { depthFromMarks, depthFromSpans, queueSpans } from "../../sql/helpdesk/queue-spans";
import { teamNameInForce } from "../../sql/helpdesk/team-name";
import type { QueryContext } from "../types";

export type QueueDepthRow = {
  at: Date;
  queue_id: number;
  queue: string;
  team: string | null;
  depth: number;
};

/**
 * Depth of each queue at each point (oldest first): how many of the queue's
 * spans contain the point, read from the depth marks (the running count of
 * span starts less span ends, lib/sql/helpdesk/queue-spans.ts). With the
 * history index the marks are stored and each point is one probe; without
 * it, the spans of the tickets that may be in a queue during the series are
 * folded on the fly and their marks computed the same way. Queue names, and
 * team names in force at each point, from the replica.
 */
export async function queueDepth(
  ctx: Pick<QueryContext, "helpdesk" | "store" | "limit">,
  points: readonly Date[],
  queues: readonly number[],
): Promise<QueueDepthRow[]> {
  const { helpdesk, limit } = ctx;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const shown = queues.length > 0 ? sql`WHERE q.id = ANY(${[...queues]}::int[])` : sql``;
  const { rows: queueRows } = await sql<{ id: number; name: string; team_id: number }>`
    SELECT q.id, q.name, q.team_id FROM queues q ${shown} ORDER BY q.name, q.id`.execute(helpdesk);
  const ids = queueRows.map((q) => q.id);
  const history = await historyIndex(ctx);
  let depths: { k: number; queue_id: number; depth: number }[];
  if (history) depths = (await depthFromMarks(DEPTH, points, ids).execute(history)).rows;
  else {
    await tuneSession(helpdesk);
    const spans = queueSpans({ among: candidatesDuring(first, last, await ticketIdRange(helpdesk, first)) }, null);
    depths = (await depthFromSpans(spans, points, ids).execute(helpdesk)).rows;
  }
  const result = await sql<QueueDepthRow>`
    WITH points AS (
      SELECT u.p, (u.k - 1)::int AS k FROM unnest(${points.map((p) => p.toISOString())}::timestamptz[]) WITH ORDINALITY AS u(p, k)
    ),
    depths AS (
      SELECT * FROM unnest(${depths.map((d) => d.k)}::int[], ${depths.map((d) => d.queue_id)}::int[],
                           ${depths.map((d) => d.depth)}::int[]) AS x(k, queue_id, depth)
    )
    SELECT p.p AS at, q.id AS queue_id, q.name AS queue, ${teamNameInForce(sql<number>`q.team_id`, sql<Date>`p.p`)} AS team,
           d.depth
    FROM depths d
    JOIN points p ON p.k = d.k
    JOIN queues q ON q.id = d.queue_id
    ORDER BY p.k, q.name, q.id
    LIMIT ${limit}`.execute(helpdesk);
  return result.rows;
}
