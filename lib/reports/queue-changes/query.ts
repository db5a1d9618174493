import "server-only";
import { sql } from "kysely";
import { historyIndex, storedSpans } from "../../history";
import { candidatesAtEither, ticketIdRange, tuneSession } from "../../sql/helpdesk/queue-candidates";
import { queueSpans, spansChangedBetween } from "../../sql/helpdesk/queue-spans";
import { fieldAt } from "../../sql/helpdesk/ticket-state";
import type { QueryContext } from "../types";

export type QueueChange = "arrived" | "moved" | "left";

export type QueueChangeRow = {
  ticket_id: number;
  change: QueueChange;
  /** arrived: created or reopened; left: the status at T2 (resolved, closed, merged, deleted); moved: moved. */
  reason: string;
  from_queue_id: number | null;
  from_queue: string | null;
  to_queue_id: number | null;
  to_queue: string | null;
  status_before: string | null;
  status_after: string | null;
};

/**
 * What changed in the queues between `since` (T1) and `at` (T2), comparing
 * the spans at the two instants ticket by ticket (lib/sql/helpdesk/queue-spans.ts:
 * stored in the history index, or folded on the fly for the tickets that may be
 * in the queues at either): kept when it entered the queues, left them, or sits
 * in another queue at T2 than at T1. A ticket that came and went between the
 * two instants was in neither state, and is not a change of the queues. The
 * status at the end a ticket was not in the queues (created or reopened,
 * resolved or merged…) is one lookup of its events on the replica.
 */
export async function queueChanges(
  ctx: Pick<QueryContext, "helpdesk" | "store" | "limit">,
  since: Date,
  at: Date,
  queues: readonly number[],
): Promise<QueueChangeRow[]> {
  const { helpdesk, limit } = ctx;
  const history = await historyIndex(ctx);
  let spans = storedSpans;
  if (!history) {
    await tuneSession(helpdesk);
    const [rangeSince, rangeAt] = [await ticketIdRange(helpdesk, since), await ticketIdRange(helpdesk, at)];
    spans = queueSpans({ among: candidatesAtEither(since, rangeSince, at, rangeAt) }, null);
  }
  const { rows: changed } = await spansChangedBetween(spans, since, at).execute(history ?? helpdesk);
  const col = <K extends keyof (typeof changed)[number]>(k: K) => changed.map((c) => c[k]);
  const ticket = sql<number>`j.ticket_id`;
  const classified = sql`
    SELECT j.ticket_id, j.in_before, j.in_after,
           CASE WHEN j.in_before THEN j.status_before ELSE ${fieldAt(ticket, "status", since)} END AS status_before,
           j.queue_before,
           CASE WHEN j.in_after THEN j.status_after ELSE ${fieldAt(ticket, "status", at)} END AS status_after,
           j.queue_after
    FROM unnest(${col("ticket_id")}::bigint[], ${col("in_before")}::bool[], ${col("in_after")}::bool[],
                ${col("status_before")}::text[], ${col("queue_before")}::int[],
                ${col("status_after")}::text[], ${col("queue_after")}::int[])
      AS j(ticket_id, in_before, in_after, status_before, queue_before, status_after, queue_after)`;
  const filter = queues.length > 0 ? [...queues] : null;
  const result = await sql<QueueChangeRow>`
    WITH classified AS (${classified}),
    changed AS (
      SELECT c.ticket_id,
             CASE WHEN c.in_before AND c.in_after THEN 'moved' WHEN c.in_after THEN 'arrived' ELSE 'left' END AS change,
             CASE WHEN c.in_before AND c.in_after THEN 'moved'
                  WHEN c.in_after THEN CASE WHEN c.status_before IS NULL THEN 'created' ELSE 'reopened' END
                  ELSE c.status_after END AS reason,
             CASE WHEN c.in_before THEN c.queue_before END AS from_queue_id,
             CASE WHEN c.in_after THEN c.queue_after END AS to_queue_id,
             c.status_before, c.status_after
      FROM classified c
      WHERE c.in_before <> c.in_after OR (c.in_before AND c.queue_before IS DISTINCT FROM c.queue_after)
    )
    SELECT ch.ticket_id, ch.change, ch.reason, ch.from_queue_id, fq.name AS from_queue, ch.to_queue_id, tq.name AS to_queue,
           ch.status_before, ch.status_after
    FROM changed ch
    LEFT JOIN queues fq ON fq.id = ch.from_queue_id
    LEFT JOIN queues tq ON tq.id = ch.to_queue_id
    WHERE ${filter}::int[] IS NULL
       OR ch.from_queue_id = ANY(${filter}::int[]) OR ch.to_queue_id = ANY(${filter}::int[])
    ORDER BY array_position(ARRAY['arrived', 'moved', 'left'], ch.change), coalesce(tq.name, fq.name), ch.ticket_id
    LIMIT ${limit}`.execute(helpdesk);
  return result.rows;
}
