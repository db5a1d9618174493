import "server-only";
import { type Expression, type RawBuilder, sql } from "kysely";
import { IN_QUEUE_STATUSES } from "./statuses";

/** The in-queue statuses as one bound text[] parameter, for `x = ANY(${inQueueStatuses})`. */
export const inQueueStatuses = sql<string[]>`${[...IN_QUEUE_STATUSES]}::text[]`;

/**
 * The same statuses as literals, for `x IN (${inQueueLiterals})`: where a recommended index's predicate or
 * expression names them (reopens, tickets_alive), the planner can match only a statement that names them too.
 */
export const inQueueLiterals = sql.join(IN_QUEUE_STATUSES.map((status) => sql.lit(status)));

/**
 * A ticket's spans in the queues: stretches of time [lower, upper) during
 * which its status was new, open, pending or on_hold and its fields stayed
 * the same (upper null while it still is). The state at T of every ticket in
 * the queues at T is the span that contains T, so "as of", depth and changes
 * are each one query over spans.
 *
 * Spans come from ONE fold over ticket_events (queueSpans below): the history
 * index (lib/history) runs it on the replica and stores the rows; without a
 * database of our own the reports run it on the fly, for the tickets that may
 * matter, as a subquery. Either way the rows are the same computation's.
 */
export interface QueueSpanRow {
  ticket_id: number;
  during: string;
  status: string;
  queue_id: number | null;
  assignee_id: number | null;
  priority: number | null;
  /** `at` of the status event in force. */
  status_since: Date;
  /** `at` of the ticket's first event: when it began to exist. */
  created_at: Date;
}

/** A relation with QueueSpanRow's columns, usable after FROM: the stored table or a fold's subquery. */
export type Spans = RawBuilder<QueueSpanRow>;

/** Which tickets to fold: some ids, a range of ids [from, below), or those an id subquery returns. */
export type SpanTickets =
  | { ids: readonly number[] }
  | { from: number; below: number | null }
  | { among: Expression<{ ticket_id: number }> };

/**
 * The fold. Every ticket's events in the definition's order (at, id); the
 * events that share one instant act together (the last of them per field
 * wins: at that instant only their result is ever in force). Each field's
 * value is carried forward from the instant that last set it (a running count
 * of the instants that set the field numbers its groups; within a group only
 * the first instant holds a value). An instant whose state differs from the
 * one before it starts a new stretch that lasts until the next such instant;
 * the stretches with an in-queue status are the spans. `upTo` bounds the
 * event ids read (the index reads up to the id it records); null: all.
 */
export function queueSpans(tickets: SpanTickets, upTo: number | null): Spans {
  const which =
    "ids" in tickets
      ? sql`e.ticket_id = ANY(${[...tickets.ids]}::bigint[])`
      : "among" in tickets
        ? sql`e.ticket_id IN (${tickets.among})`
        : tickets.below === null
          ? sql`e.ticket_id >= ${tickets.from}`
          : sql`e.ticket_id >= ${tickets.from} AND e.ticket_id < ${tickets.below}`;
  const bound = upTo === null ? sql`` : sql`AND e.id <= ${upTo}`;
  const last = (field: string) =>
    sql`(array_agg(e.new_value ORDER BY e.id DESC) FILTER (WHERE e.field = ${sql.lit(field)}))[1]`;
  const sets = (field: string) => sql`bool_or(e.field = ${sql.lit(field)})`;
  return sql<QueueSpanRow>`(
    WITH instants AS (
      SELECT e.ticket_id, e.at,
             ${sets("status")} AS set_status, ${last("status")} AS status,
             ${sets("queue")} AS set_queue, ${last("queue")} AS queue,
             ${sets("assignee")} AS set_assignee, ${last("assignee")} AS assignee,
             ${sets("priority")} AS set_priority, ${last("priority")} AS priority
      FROM ticket_events e
      WHERE ${which} ${bound}
      GROUP BY e.ticket_id, e.at
    ),
    numbered AS (
      SELECT i.*, min(i.at) OVER w AS created_at,
             count(*) FILTER (WHERE i.set_status) OVER w AS g_status,
             count(*) FILTER (WHERE i.set_queue) OVER w AS g_queue,
             count(*) FILTER (WHERE i.set_assignee) OVER w AS g_assignee,
             count(*) FILTER (WHERE i.set_priority) OVER w AS g_priority
      FROM instants i
      WINDOW w AS (PARTITION BY i.ticket_id ORDER BY i.at)
    ),
    states AS (
      SELECT n.ticket_id, n.at, n.created_at,
             max(n.status) OVER (PARTITION BY n.ticket_id, n.g_status) AS status,
             max(n.at) FILTER (WHERE n.set_status) OVER (PARTITION BY n.ticket_id, n.g_status) AS status_since,
             max(n.queue) OVER (PARTITION BY n.ticket_id, n.g_queue)::int AS queue_id,
             max(n.assignee) OVER (PARTITION BY n.ticket_id, n.g_assignee)::int AS assignee_id,
             max(n.priority) OVER (PARTITION BY n.ticket_id, n.g_priority)::smallint AS priority
      FROM numbered n
    ),
    marked AS (
      SELECT s.*,
             lag(s.at) OVER w IS NULL
             OR s.status IS DISTINCT FROM lag(s.status) OVER w
             OR s.status_since IS DISTINCT FROM lag(s.status_since) OVER w
             OR s.queue_id IS DISTINCT FROM lag(s.queue_id) OVER w
             OR s.assignee_id IS DISTINCT FROM lag(s.assignee_id) OVER w
             OR s.priority IS DISTINCT FROM lag(s.priority) OVER w AS changed
      FROM states s
      WINDOW w AS (PARTITION BY s.ticket_id ORDER BY s.at)
    ),
    stretches AS (
      SELECT m.*, lead(m.at) OVER (PARTITION BY m.ticket_id ORDER BY m.at) AS until
      FROM marked m
      WHERE m.changed
    )
    SELECT x.ticket_id, tstzrange(x.at, x.until, '[)') AS during, x.status, x.queue_id, x.assignee_id,
           x.priority, x.status_since, x.created_at
    FROM stretches x
    WHERE x.status = ANY(${inQueueStatuses})
  )`;
}

/** A ticket in the queues at an instant, as its span there says. */
export interface SpanAt {
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
 * The tickets in the queues at `at`: the spans that contain it, only those in
 * `queues` when some are given, in the order of `queueOrder` (queue ids as
 * the page lists them; others last), then by queue, age and id.
 */
export function spansAt(
  spans: Spans,
  at: Date,
  queues: readonly number[],
  queueOrder: readonly number[],
  limit: number,
) {
  const filter = queues.length > 0 ? sql`AND s.queue_id = ANY(${[...queues]}::int[])` : sql``;
  return sql<SpanAt>`
    SELECT s.ticket_id, s.status, s.queue_id, s.assignee_id, s.priority, s.created_at,
           floor(extract(epoch FROM ${at}::timestamptz - s.created_at))::bigint AS age_seconds, s.status_since
    FROM ${spans} s
    WHERE s.during @> ${at}::timestamptz ${filter}
    ORDER BY array_position(${[...queueOrder]}::int[], s.queue_id) NULLS LAST, s.queue_id, s.created_at, s.ticket_id
    LIMIT ${Number.isFinite(limit) ? limit : null}`;
}

/** A ticket in the queues at one of two instants and not the other, or in another queue at each. */
export interface SpanChange {
  ticket_id: number;
  in_before: boolean;
  in_after: boolean;
  status_before: string | null;
  queue_before: number | null;
  status_after: string | null;
  queue_after: number | null;
}

/** The spans at two instants compared ticket by ticket: only tickets that arrived, left or moved. */
export function spansChangedBetween(spans: Spans, since: Date, at: Date) {
  return sql<SpanChange>`
    WITH b AS (SELECT ticket_id, status, queue_id FROM ${spans} s WHERE s.during @> ${since}::timestamptz),
    a AS (SELECT ticket_id, status, queue_id FROM ${spans} s WHERE s.during @> ${at}::timestamptz)
    SELECT coalesce(b.ticket_id, a.ticket_id) AS ticket_id,
           b.ticket_id IS NOT NULL AS in_before, a.ticket_id IS NOT NULL AS in_after,
           b.status AS status_before, b.queue_id AS queue_before, a.status AS status_after, a.queue_id AS queue_after
    FROM b FULL JOIN a ON a.ticket_id = b.ticket_id
    WHERE b.ticket_id IS NULL OR a.ticket_id IS NULL OR b.queue_id IS DISTINCT FROM a.queue_id`;
}

/** One change of a queue's depth: `d` tickets more (or fewer) from instant `at` on. */
export interface DepthEdge {
  queue_id: number;
  at: Date;
  d: number;
}

/** Each span in a queue adds 1 to that queue at its start and takes it away at its end. */
export function depthEdges(spans: Spans) {
  return sql<DepthEdge>`(
    SELECT s.queue_id, lower(s.during) AS at, 1 AS d FROM ${spans} s WHERE s.queue_id IS NOT NULL
    UNION ALL
    SELECT s.queue_id, upper(s.during), -1 FROM ${spans} s WHERE s.queue_id IS NOT NULL AND NOT upper_inf(s.during)
  )`;
}

/** A queue's depth from instant `at` until its next mark: the running sum of its edges up to `at`. */
export interface DepthMark {
  queue_id: number;
  at: Date;
  depth: number;
}

/**
 * The depth marks of some spans: one per queue and instant where an edge
 * falls, holding the depth from there on. The depth of queue q at T is the
 * depth of q's last mark at or before T (0 before its first): exactly the
 * number of q's spans that contain T, since a span is counted from its start
 * and no longer from its end.
 */
export function depthMarks(spans: Spans) {
  return sql<DepthMark>`(
    SELECT x.queue_id, x.at, (sum(sum(x.d)) OVER (PARTITION BY x.queue_id ORDER BY x.at))::int AS depth
    FROM ${depthEdges(spans)} x
    GROUP BY x.queue_id, x.at
  )`;
}

/** The depth of one queue at one point of a series (k: 0 = the first point). */
export interface DepthPoint {
  k: number;
  at: Date;
  queue_id: number;
  depth: number;
}

/**
 * The depth of each queue in `queueIds` at each of `points`, from the depth
 * marks in the table `marksTable` (depthMarks stored, with an index on
 * (queue_id, at)): one index probe per point and queue, so the time follows
 * the points × queues, not the events between them.
 */
export function depthFromMarks(marksTable: string, points: readonly Date[], queueIds: readonly number[]) {
  return depthSeries(
    sql``,
    points,
    queueIds,
    sql`(SELECT m.depth FROM ${sql.table(marksTable)} m WHERE m.queue_id = q.id AND m.at <= p.p
         ORDER BY m.at DESC LIMIT 1)`,
  );
}

/**
 * The same series from spans folded on the fly: their depth marks (the same
 * depthMarks), each queue's as two sorted arrays, read at each point by a
 * binary search (width_bucket: how many marks are at or before the point).
 */
export function depthFromSpans(spans: Spans, points: readonly Date[], queueIds: readonly number[]) {
  return depthSeries(
    sql`WITH marks AS MATERIALIZED (
      SELECT m.queue_id, array_agg(m.at ORDER BY m.at) AS ats, array_agg(m.depth ORDER BY m.at) AS depths
      FROM ${depthMarks(spans)} m GROUP BY m.queue_id
    )`,
    points,
    queueIds,
    sql`(SELECT m.depths[width_bucket(p.p, m.ats)] FROM marks m WHERE m.queue_id = q.id)`,
  );
}

function depthSeries(
  ctes: RawBuilder<unknown>,
  points: readonly Date[],
  queueIds: readonly number[],
  depthAt: RawBuilder<unknown>,
) {
  return sql<DepthPoint>`${ctes}
    SELECT (p.k - 1)::int AS k, p.p AS at, q.id AS queue_id, coalesce(${depthAt}, 0)::int AS depth
    FROM unnest(${points.map((p) => p.toISOString())}::timestamptz[]) WITH ORDINALITY AS p(p, k)
    CROSS JOIN unnest(${[...queueIds]}::int[]) AS q(id)
    ORDER BY p.k, q.id`;
}
