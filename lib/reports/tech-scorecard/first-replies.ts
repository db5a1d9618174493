import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { type TechIds, techIs, type Walk } from "./acts";

/**
 * The first reply of each ticket created in [start, end) that went to one of
 * the given techs: the ticket's first public comment by any tech, in
 * (created_at, id) order, so two replies at the same instant go to the lower
 * comment id. The reply itself may come after the range. Customer comments
 * and internal notes are never a reply.
 *
 * Columns: tech_id, ticket_id, ticket_created_at, replied_at, minutes (may be fractional).
 *
 * Two ways to the same rows (see Walk):
 * - by range: read the replies index in ticket order over the ids of the
 *   tickets created in the range, keeping each ticket's first (a stream, no
 *   sort), then keep the tickets created in the range. Helpdesks number
 *   tickets as they come, so that id span holds the range's tickets and
 *   little else; were ids not in creation order it would only read more.
 * - by tech: walk those techs' public comments since the range began and
 *   keep the ones no earlier tech reply precedes (cost follows their comments).
 */
export function firstReplies(ids: TechIds, start: Date, end: Date, walk: Walk): RawBuilder<unknown> {
  if (walk === "range") {
    return sql`
      SELECT fr.author_id AS tech_id, tk.id AS ticket_id, tk.created_at AS ticket_created_at, fr.created_at AS replied_at,
             date_part('epoch', fr.created_at - tk.created_at) / 60 AS minutes
      FROM (SELECT min(r.id) AS lo, max(r.id) AS hi
            FROM (SELECT id FROM tickets WHERE created_at >= ${start} AND created_at < ${end} OFFSET 0) r) span
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (p.ticket_id) p.ticket_id, p.author_id, p.created_at
        FROM ticket_comments p
        WHERE p.visibility = 'public' AND p.author_id IS NOT NULL AND p.ticket_id BETWEEN span.lo AND span.hi
        ORDER BY p.ticket_id, p.created_at, p.id) fr
      JOIN tickets tk ON tk.id = fr.ticket_id
      WHERE tk.created_at >= ${start} AND tk.created_at < ${end} AND ${techIs(sql.ref("fr.author_id"), ids)}`;
  }
  return sql`
    SELECT c.author_id AS tech_id, tk.id AS ticket_id, tk.created_at AS ticket_created_at, c.created_at AS replied_at,
           date_part('epoch', c.created_at - tk.created_at) / 60 AS minutes
    FROM ticket_comments c
    JOIN tickets tk ON tk.id = c.ticket_id
    WHERE ${techIs(sql.ref("c.author_id"), ids)} AND c.visibility = 'public' AND c.created_at >= ${start}
      AND tk.created_at >= ${start} AND tk.created_at < ${end}
      AND NOT EXISTS (
        SELECT 1 FROM ticket_comments p
        WHERE p.ticket_id = c.ticket_id AND p.visibility = 'public' AND p.author_id IS NOT NULL
          AND p.created_at <= c.created_at AND (p.created_at < c.created_at OR p.id < c.id))`;
}

/** The lowest and highest id of the tickets created in a range (bigint, as text: exact past 2^53). */
export interface TicketSpan {
  lo: string;
  hi: string;
}

/** The ids of the tickets created in [start, end) lie in this span (one range scan of tickets_created_at_id); null for none. */
export async function ticketSpan(db: Kysely<Helpdesk>, start: Date, end: Date): Promise<TicketSpan | null> {
  const result = await sql<{ lo: string | null; hi: string | null }>`
    SELECT min(id)::text AS lo, max(id)::text AS hi FROM tickets WHERE created_at >= ${start} AND created_at < ${end}`.execute(
    db,
  );
  const { lo, hi } = result.rows[0] ?? { lo: null, hi: null };
  return lo === null || hi === null ? null : { lo, hi };
}

/**
 * The range walk of firstReplies, every tech, for a span found beforehand
 * (ticketSpan): the same rows, with the span as bound values instead of a
 * LATERAL join, which keeps the statement fit for a parallel worker (stats.ts).
 */
export function firstRepliesInSpan(span: TicketSpan, start: Date, end: Date): RawBuilder<unknown> {
  return sql`
    SELECT fr.author_id AS tech_id, tk.id AS ticket_id, tk.created_at AS ticket_created_at, fr.created_at AS replied_at,
           date_part('epoch', fr.created_at - tk.created_at) / 60 AS minutes
    FROM (
      SELECT DISTINCT ON (p.ticket_id) p.ticket_id, p.author_id, p.created_at
      FROM ticket_comments p
      WHERE p.visibility = 'public' AND p.author_id IS NOT NULL AND p.ticket_id BETWEEN ${span.lo}::bigint AND ${span.hi}::bigint
      ORDER BY p.ticket_id, p.created_at, p.id) fr
    JOIN tickets tk ON tk.id = fr.ticket_id
    WHERE tk.created_at >= ${start} AND tk.created_at < ${end}`;
}
