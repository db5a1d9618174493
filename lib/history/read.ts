import { type Kysely, sql } from "kysely";
import { SPANS, type StoreDb } from "./schema";

/** A ticket in the queues at an instant, as the history index holds it. */
export interface TicketAt {
  ticket_id: number;
  status: string;
  queue_id: number | null;
  assignee_id: number | null;
  priority: number | null;
  created_at: Date;
  /** `at` − created_at in whole seconds, computed in SQL from the exact instants. */
  age_seconds: number;
  status_since: Date;
}

/**
 * The tickets in the queues at `at`: the spans that contain it (GiST), only
 * those in `queues` when some are given, in the order of `queueOrder` (queue
 * ids as the page lists them; others last), then by queue, age and id.
 */
export async function ticketsAt(
  store: Kysely<StoreDb>,
  at: Date,
  queues: readonly number[],
  queueOrder: readonly number[],
  limit: number,
): Promise<TicketAt[]> {
  const filter = queues.length > 0 ? sql`AND s.queue_id = ANY(${[...queues]}::int[])` : sql``;
  const { rows } = await sql<TicketAt>`
    SELECT s.ticket_id, s.status, s.queue_id, s.assignee_id, s.priority, s.created_at,
           floor(extract(epoch FROM ${at}::timestamptz - s.created_at))::bigint AS age_seconds, s.status_since
    FROM ${sql.table(SPANS)} s
    WHERE s.during @> ${at}::timestamptz ${filter}
    ORDER BY array_position(${[...queueOrder]}::int[], s.queue_id) NULLS LAST, s.queue_id, s.created_at, s.ticket_id
    LIMIT ${Number.isFinite(limit) ? limit : null}`.execute(store);
  return rows;
}

/** A change of a queue's depth: `d` tickets more (or fewer) from point `k` on (0 = the first point). */
export interface DepthDelta {
  k: number;
  queue_id: number;
  d: number;
}

/**
 * Queue depth at every point, as changes: each span that overlaps the points
 * adds 1 to its queue from the first point at or after its start (every
 * point, if it started before the first) and takes it away from the first
 * point at or after its end. A running sum of the deltas per queue is the
 * depth at each point. Spans are found by GiST on the window alone.
 */
export async function depthDeltas(store: Kysely<StoreDb>, points: readonly Date[]): Promise<DepthDelta[]> {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const bounds = sql`${points.map((p) => p.toISOString())}::timestamptz[]`;
  const { rows } = await sql<DepthDelta>`
    WITH spans AS (
      SELECT s.queue_id, lower(s.during) AS f, upper(s.during) AS u
      FROM ${sql.table(SPANS)} s
      WHERE s.during && tstzrange(${first}::timestamptz, ${last}::timestamptz, '[]') AND s.queue_id IS NOT NULL
    ),
    edges AS (
      -- width_bucket(x − 1 µs, points) counts the points before x: the index of the first point at or after x.
      SELECT width_bucket(f - interval '1 microsecond', ${bounds}) AS k, queue_id, 1 AS d FROM spans
      UNION ALL
      SELECT width_bucket(u - interval '1 microsecond', ${bounds}), queue_id, -1 FROM spans WHERE u IS NOT NULL
    )
    SELECT k, queue_id, sum(d)::int AS d
    FROM edges
    WHERE k < ${points.length}
    GROUP BY k, queue_id
    HAVING sum(d) <> 0`.execute(store);
  return rows;
}

/** A ticket in the queues at one of two instants and not the other, or in another queue at each. */
export interface ChangedTicket {
  ticket_id: number;
  in_before: boolean;
  in_after: boolean;
  status_before: string | null;
  queue_before: number | null;
  status_after: string | null;
  queue_after: number | null;
}

/** The two states compared ticket by ticket: only tickets that arrived, left or moved. */
export async function changedBetween(store: Kysely<StoreDb>, since: Date, at: Date): Promise<ChangedTicket[]> {
  const { rows } = await sql<ChangedTicket>`
    WITH b AS (SELECT ticket_id, status, queue_id FROM ${sql.table(SPANS)} WHERE during @> ${since}::timestamptz),
    a AS (SELECT ticket_id, status, queue_id FROM ${sql.table(SPANS)} WHERE during @> ${at}::timestamptz)
    SELECT coalesce(b.ticket_id, a.ticket_id) AS ticket_id,
           b.ticket_id IS NOT NULL AS in_before, a.ticket_id IS NOT NULL AS in_after,
           b.status AS status_before, b.queue_id AS queue_before, a.status AS status_after, a.queue_id AS queue_after
    FROM b FULL JOIN a ON a.ticket_id = b.ticket_id
    WHERE b.ticket_id IS NULL OR a.ticket_id IS NULL OR b.queue_id IS DISTINCT FROM a.queue_id`.execute(store);
  return rows;
}
