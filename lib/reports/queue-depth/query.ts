import { sql } from "kysely";
import { historyIndex } from "../../history";
import { depthDeltas } from "../../history/read";
import { fieldAt, inQueuesAt, queueFilter, teamNameAt, ticketIdRange, tuneSession } from "../queue-time-travel/as-of";
import type { QueryContext } from "../types";

export interface QueueDepthRow {
  [key: string]: string | number | Date | null;
  at: Date;
  queue_id: number;
  queue: string;
  team: string | null;
  depth: number;
}

/**
 * Depth of each queue at each point (oldest first), in one pass: the tickets
 * in the queues at the first point (as-of, see ../queue-time-travel/as-of.ts),
 * then every status and queue event after it, replayed per ticket in (at, id)
 * order to know whether the ticket is in a queue (and which) before and after
 * each event; each event adds −1 to the queue it leaves and +1 to the queue it
 * enters, in the bucket of the first point at or after it; a running sum per
 * queue gives the depth at every point. Changes that cancel out between two
 * points (in and out again) sum to nothing, as they should.
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
  const bounds = sql`${points.map((p) => p.toISOString())}::timestamptz[]`;
  const history = await historyIndex(ctx);
  if (history) {
    // The changes per point from the history index; the running sums, queues and team names on the replica.
    const deltas = await depthDeltas(history, points);
    const result = await sql<QueueDepthRow>`
      WITH points AS (
        SELECT u.p, (u.k - 1)::int AS k FROM unnest(${bounds}) WITH ORDINALITY AS u(p, k)
      ),
      deltas AS (
        SELECT * FROM unnest(${deltas.map((d) => d.k)}::int[], ${deltas.map((d) => d.queue_id)}::int[],
                             ${deltas.map((d) => d.d)}::int[]) AS x(k, queue_id, d)
      ),
      shown AS (
        SELECT q.id, q.name, q.team_id FROM queues q
        WHERE ${queueFilter(queues)}::int[] IS NULL OR q.id = ANY(${queueFilter(queues)}::int[])
      )
      SELECT p.p AS at, s.id AS queue_id, s.name AS queue, ${teamNameAt(sql`s.team_id`, sql`p.p`)} AS team,
             coalesce(sum(d.d) OVER (PARTITION BY s.id ORDER BY p.k), 0)::int AS depth
      FROM points p
      CROSS JOIN shown s
      LEFT JOIN deltas d ON d.k = p.k AND d.queue_id = s.id
      ORDER BY p.k, s.name, s.id
      LIMIT ${limit}`.execute(helpdesk);
    return result.rows;
  }
  await tuneSession(helpdesk);
  const range = await ticketIdRange(helpdesk, first);
  const result = await sql<QueueDepthRow>`
    WITH points AS (
      SELECT u.p, (u.k - 1)::int AS k FROM unnest(${bounds}) WITH ORDINALITY AS u(p, k)
    ),
    start_in AS (
      SELECT o.ticket_id, ${fieldAt(sql`o.ticket_id`, "queue", first)}::int AS queue_id
      FROM (${inQueuesAt(first, range)}) o
    ),
    span_events AS (
      -- Narrow rows for the sort below: k, the first point at or after the event (an event exactly on a point
      -- counts at that point); in_val, 1 or 0 for a status event (in the queues or not); q_val, queue_id + 1
      -- for a queue event (0 for none).
      SELECT e.ticket_id, e.at, e.id,
             width_bucket(e.at - interval '1 microsecond', ${bounds}) AS k,
             CASE WHEN e.field = 'status' THEN (e.new_value IN ('new', 'open', 'pending', 'on_hold'))::int END AS in_val,
             CASE WHEN e.field = 'queue' THEN coalesce(e.new_value::bigint + 1, 0) END AS q_val
      FROM ticket_events e
      WHERE e.field IN ('status', 'queue') AND e.at > ${first}::timestamptz AND e.at <= ${last}::timestamptz
    ),
    firsts AS (
      SELECT ticket_id, min(at) FILTER (WHERE q_val IS NOT NULL) AS first_queue_at, min(at) FILTER (WHERE in_val = 1) AS first_in_at
      FROM span_events GROUP BY ticket_id
    ),
    timeline AS (
      -- Each ticket's state at the first point, as its first row (at = the first point, before every span
      -- event; k = 0, never counted), then its events. Its queue then is looked up only when it matters: the
      -- ticket enters the queues in the span before any queue event of the span says where.
      SELECT f.ticket_id, ${first}::timestamptz AS at, 0::bigint AS id, 0 AS k,
             (s.ticket_id IS NOT NULL)::int AS in_val,
             coalesce(CASE WHEN s.ticket_id IS NOT NULL THEN s.queue_id
                           WHEN f.first_in_at < coalesce(f.first_queue_at, 'infinity') THEN ${fieldAt(sql`f.ticket_id`, "queue", first)}::int
                      END::bigint + 1, 0) AS q_val
      FROM firsts f LEFT JOIN start_in s ON s.ticket_id = f.ticket_id
      UNION ALL
      SELECT e.ticket_id, e.at, e.id, e.k, e.in_val, e.q_val FROM span_events e
    ),
    numbered AS (
      SELECT t.*, row_number() OVER w AS rn
      FROM timeline t
      WINDOW w AS (PARTITION BY t.ticket_id ORDER BY t.at, t.id)
    ),
    carried AS (
      -- In the queues or not, and which queue, after each row: the last status and the last queue so far,
      -- carried forward as running maxima of rn*2 + in_val and rn*2^32 + q_val, decoded below.
      SELECT n.ticket_id, n.at, n.id, n.k,
             max(n.rn * 2 + n.in_val) OVER w AS status_code,
             max(n.rn * 4294967296 + n.q_val) OVER w AS queue_code
      FROM numbered n
      WINDOW w AS (PARTITION BY n.ticket_id ORDER BY n.at, n.id ROWS UNBOUNDED PRECEDING)
    ),
    after_each AS (
      SELECT c.ticket_id, c.at, c.id, c.k,
             c.status_code % 2 = 1 AS in_after,
             nullif(c.queue_code % 4294967296, 0) - 1 AS queue_after
      FROM carried c
    ),
    changes AS (
      SELECT a.k, a.in_after, a.queue_after,
             lag(a.in_after) OVER w AS in_before, lag(a.queue_after) OVER w AS queue_before
      FROM after_each a
      WINDOW w AS (PARTITION BY a.ticket_id ORDER BY a.at, a.id)
    ),
    deltas AS (
      SELECT k, queue_id, sum(d)::int AS d FROM (
        SELECT k, queue_before AS queue_id, -1 AS d FROM changes WHERE k > 0 AND in_before AND queue_before IS NOT NULL
        UNION ALL
        SELECT k, queue_after, 1 FROM changes WHERE k > 0 AND in_after AND queue_after IS NOT NULL
      ) x GROUP BY k, queue_id
    ),
    start_counts AS (
      SELECT queue_id, count(*)::int AS n FROM start_in WHERE queue_id IS NOT NULL GROUP BY queue_id
    ),
    shown AS (
      SELECT q.id, q.name, q.team_id FROM queues q
      WHERE ${queueFilter(queues)}::int[] IS NULL OR q.id = ANY(${queueFilter(queues)}::int[])
    )
    SELECT p.p AS at, s.id AS queue_id, s.name AS queue, ${teamNameAt(sql`s.team_id`, sql`p.p`)} AS team,
           (coalesce(sc.n, 0) + coalesce(sum(d.d) OVER (PARTITION BY s.id ORDER BY p.k), 0))::int AS depth
    FROM points p
    CROSS JOIN shown s
    LEFT JOIN deltas d ON d.k = p.k AND d.queue_id = s.id
    LEFT JOIN start_counts sc ON sc.queue_id = s.id
    ORDER BY p.k, s.name, s.id
    LIMIT ${limit}`.execute(helpdesk);
  return result.rows;
}
