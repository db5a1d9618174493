import { type RawBuilder, sql } from "kysely";

/** Whose acts to read: some techs, or every tech. */
export type TechIds = readonly number[] | "all";

/** The kinds of act a tech does on a ticket. */
export type ActKind = "reply" | "note" | "change" | "time";

/**
 * Every act of one tech (`tech`, an SQL expression: a bound id, or the outer
 * tech of a LATERAL join) at an instant in [from, to), one row each: a
 * public comment (`reply`), an internal comment (`note`), a ticket event they
 * made (`change`: any field, including the rows a ticket gets when a tech
 * creates it), a time entry by its `started_at` (`time`). Comments by
 * customers and events by the system have no tech and are never acts.
 *
 * Columns: ticket_id, at, kind, credit (comments), minutes (time entries),
 * resolves (a status event to `resolved`), and with `withIds` act_id (the
 * comment, event or time entry id). Each branch is one range scan of an index on (tech, instant)
 * that covers the columns read (sql/indexes/helpdesk/tech-scorecard.sql).
 */
export function actsOf(
  tech: RawBuilder<unknown>,
  from: Date,
  to: Date,
  options: { withIds?: boolean } = {},
): RawBuilder<unknown> {
  // The ids are not in the indexes: asking for them costs a heap visit per act, fine for one tech's page.
  const id = (column: string) => (options.withIds ? sql`, ${sql.ref(column)} AS act_id` : sql``);
  return sql`
    SELECT c.ticket_id, c.created_at AS at,
           CASE WHEN c.visibility = 'public' THEN 'reply' ELSE 'note' END AS kind,
           c.credit, NULL::int AS minutes, false AS resolves ${id("c.id")}
    FROM ticket_comments c
    WHERE c.author_id = ${tech} AND c.created_at >= ${from} AND c.created_at < ${to}
    UNION ALL
    SELECT e.ticket_id, e.at, 'change', NULL, NULL, e.field = 'status' AND e.new_value IS NOT DISTINCT FROM 'resolved' ${id("e.id")}
    FROM ticket_events e
    WHERE e.actor_id = ${tech} AND e.at >= ${from} AND e.at < ${to}
    UNION ALL
    SELECT te.ticket_id, te.started_at, 'time', NULL, te.minutes, false ${id("te.id")}
    FROM time_entries te
    WHERE te.tech_id = ${tech} AND te.started_at >= ${from} AND te.started_at < ${to}`;
}

/**
 * Every act of the given techs at an instant in [from, to), for the scorecard
 * of many techs (stats.ts): the same acts as actsOf, with the tech as a
 * column and booleans instead of a kind (cheaper to count, row by row, than
 * comparing text). Columns: tech_id, ticket_id, at, reply (comments: public
 * or not; others null), credit, minutes, resolves.
 *
 * The filter sits outside the UNION ALL on purpose: branches without a WHERE
 * of their own are merged into their parent query, so each is a range scan of
 * its (tech, instant) index per tech and the three come out merged in tech
 * order (a Merge Append) with no sort. Branches with their own WHERE would be
 * planned apart, unordered, and sorted by tech afterwards. For the same
 * reason every branch's columns have exactly the types of the first.
 */
export function actsOfTechs(ids: readonly number[], from: Date, to: Date): RawBuilder<unknown> {
  return sql`
    SELECT a.* FROM (
      SELECT c.author_id AS tech_id, c.ticket_id, c.created_at AS at, coalesce(c.visibility = 'public', false) AS reply,
             c.credit::numeric AS credit, NULL::int AS minutes, false AS resolves
      FROM ticket_comments c
      UNION ALL
      SELECT e.actor_id, e.ticket_id, e.at, NULL::boolean, NULL::numeric, NULL::int,
             e.field = 'status' AND e.new_value IS NOT DISTINCT FROM 'resolved'
      FROM ticket_events e
      UNION ALL
      SELECT te.tech_id, te.ticket_id, te.started_at, NULL::boolean, NULL::numeric, te.minutes, false
      FROM time_entries te) a
    WHERE a.tech_id = ANY(${[...ids]}::int[]) AND a.at >= ${from} AND a.at < ${to}`;
}

/**
 * How the parts of the scorecard that are not per-act find their rows (first
 * replies, reopens): from each tech's own activity (`tech`: cost follows the
 * techs asked about) or from everything in the range, then kept for those
 * techs (`range`: cost follows the range, whoever is asked about).
 */
export type Walk = "tech" | "range";

/**
 * Above this many techs, walking the range is cheaper: a tech writes a few
 * thousand replies and resolves a few hundred tickets a year, while a year of
 * a 2M-ticket shop has a million new tickets and a few tens of thousands of
 * reopens (measured at scale 30: a team of 190 took 4 s walking by tech).
 */
export const WALK_RANGE_ABOVE_TECHS = 50;

export function walkFor(ids: TechIds): Walk {
  return ids === "all" || ids.length > WALK_RANGE_ABOVE_TECHS ? "range" : "tech";
}

/** `column` is one of the techs; for "all", any tech at all (customers and the system have none). */
export function techIs(column: RawBuilder<unknown>, ids: TechIds): RawBuilder<boolean> {
  return ids === "all" ? sql<boolean>`${column} IS NOT NULL` : sql<boolean>`${column} = ANY(${[...ids]}::int[])`;
}
