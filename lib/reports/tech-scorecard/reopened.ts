import { type RawBuilder, sql } from "kysely";
import { type TechIds, techIs, type Walk } from "./acts";

/** How long after a resolve a reopen still counts against it (a gap of exactly this much counts). */
export const REOPEN_WINDOW_DAYS = 14;

const WINDOW = sql.lit(`${REOPEN_WINDOW_DAYS} days`);
/** The open statuses, as literals so that the partial index on reopens (whose predicate names them) applies. */
const OPEN_STATUSES = sql.join(["new", "open", "pending", "on_hold"].map((status) => sql.lit(status)));

/**
 * The resolves of the given techs in [start, end) that the ticket left for
 * an open status (new, open, pending, on hold) within 14 days: the ticket's
 * next status event in (at, id) order, by anyone, sets an open status no
 * later than 14 days after. A ticket that went on to `closed` (or anything
 * else) first was not reopened by this resolve. The 14 days may reach past
 * the range. Columns: resolve_id, tech_id.
 *
 * Two ways to the same rows (see Walk; the history records each status
 * change with the value it left, so a reopen's previous status event is the
 * resolve it undid):
 * - by tech: from each of their resolves, look up the next status event;
 * - by range: from each reopen (a status event leaving `resolved` for an
 *   open status, a few per hundred tickets), look up the previous status
 *   event: far fewer lookups than one per resolve.
 */
export function reopenedResolves(ids: TechIds, start: Date, end: Date, walk: Walk): RawBuilder<unknown> {
  if (walk === "range") {
    return sql`
      SELECT r.id AS resolve_id, r.actor_id AS tech_id
      FROM ticket_events x
      CROSS JOIN LATERAL (
        SELECT p.id, p.at, p.actor_id, p.new_value
        FROM ticket_events p
        WHERE p.ticket_id = x.ticket_id AND p.field = 'status' AND p.at <= x.at AND (p.at < x.at OR p.id < x.id)
        ORDER BY p.at DESC, p.id DESC
        LIMIT 1) r
      WHERE x.field = 'status' AND x.old_value = 'resolved' AND x.new_value IN (${OPEN_STATUSES})
        AND x.at >= ${start} AND x.at <= ${end}::timestamptz + ${WINDOW}::interval
        AND r.new_value = 'resolved' AND ${techIs(sql.ref("r.actor_id"), ids)} AND r.at >= ${start} AND r.at < ${end}
        AND x.at <= r.at + ${WINDOW}::interval`;
  }
  return sql`
    SELECT r.id AS resolve_id, r.actor_id AS tech_id
    FROM ticket_events r
    CROSS JOIN LATERAL (
      SELECT nx.at, nx.new_value
      FROM ticket_events nx
      WHERE nx.ticket_id = r.ticket_id AND nx.field = 'status' AND nx.at >= r.at AND (nx.at > r.at OR nx.id > r.id)
      ORDER BY nx.at, nx.id
      LIMIT 1) x
    WHERE ${techIs(sql.ref("r.actor_id"), ids)} AND r.at >= ${start} AND r.at < ${end}
      AND r.field = 'status' AND r.new_value = 'resolved'
      AND x.new_value IN (${OPEN_STATUSES}) AND x.at <= r.at + ${WINDOW}::interval`;
}
