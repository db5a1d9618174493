import "server-only";
import { type Expression, sql } from "kysely";
import { inQueueLiterals } from "./queue-spans";

/*
 * The acts of a tech, and what the scorecard and the tech page derive from
 * them (bare notes, first replies, reopened resolves), written once. An act
 * is a public comment (`reply`), an internal comment (`note`), a ticket event
 * the tech made (`change`: any field, including the rows a ticket gets when a
 * tech creates it), or a time entry by its `started_at` (`time`). Comments by
 * customers and events by the system have no tech and are never acts.
 */

/** Whose acts to read: some techs, or every tech. */
export type TechIds = readonly number[] | "all";

/** The kinds of act a tech does on a ticket. */
export type ActKind = "reply" | "note" | "change" | "time";

/** One act (acts, actsOf). `act_id` (the comment, event or time entry id) only when asked for. */
export interface Act {
  tech_id: number;
  ticket_id: number;
  at: Date;
  kind: ActKind;
  /** The old cruncher's credit (comments only; null for others). */
  credit: string | null;
  /** Minutes of a time entry; null for others. */
  minutes: number | null;
  /** A status event to `resolved`. */
  resolves: boolean;
  act_id?: number;
}

/**
 * Every act of the techs `ids` at an instant in [from, to), one row each.
 *
 * The filter sits outside the UNION ALL on purpose: branches without a WHERE
 * of their own are merged into their parent query, so each is a range scan
 * of its (tech, instant) index (sql/indexes/helpdesk/tech-scorecard.sql),
 * and the three come out merged in tech order with no sort. For the same
 * reason every branch's columns have exactly the types of the first.
 */
export function acts(ids: TechIds, from: Date, to: Date, options: { withIds?: boolean } = {}) {
  return actsWhere((tech) => techIs(tech, ids), from, to, options);
}

/** The acts of one tech (`tech`: a bound id, or the outer tech of a LATERAL join), as `acts`. */
export function actsOf(tech: Expression<number>, from: Date, to: Date, options: { withIds?: boolean } = {}) {
  return actsWhere((column) => sql<boolean>`${column} = ${tech}`, from, to, options);
}

function actsWhere(
  techFilter: (column: Expression<number | null>) => Expression<boolean>,
  from: Date,
  to: Date,
  options: { withIds?: boolean },
) {
  // The ids are not in the indexes: asking for them costs a heap visit per act, fine for one tech's page.
  const id = (column: string) => (options.withIds ? sql`, ${sql.ref(column)} AS act_id` : sql``);
  return sql<Act>`
    SELECT a.* FROM (
      SELECT c.author_id AS tech_id, c.ticket_id, c.created_at AS at,
             CASE WHEN c.visibility = 'public' THEN 'reply' ELSE 'note' END AS kind,
             c.credit::numeric AS credit, NULL::int AS minutes, false AS resolves ${id("c.id")}
      FROM ticket_comments c
      UNION ALL
      SELECT e.actor_id, e.ticket_id, e.at, 'change', NULL::numeric, NULL::int,
             e.field = 'status' AND e.new_value IS NOT DISTINCT FROM 'resolved' ${id("e.id")}
      FROM ticket_events e
      UNION ALL
      SELECT te.tech_id, te.ticket_id, te.started_at, 'time', NULL::numeric, te.minutes, false ${id("te.id")}
      FROM time_entries te) a
    WHERE ${techFilter(sql.ref("a.tech_id"))} AND a.at >= ${from} AND a.at < ${to}`;
}

/** `column` is one of the techs; for "all", any tech at all (customers and the system have none). */
export function techIs(column: Expression<number | null>, ids: TechIds) {
  return ids === "all" ? sql<boolean>`${column} IS NOT NULL` : sql<boolean>`${column} = ANY(${[...ids]}::int[])`;
}

/** How close another act must be for an internal note not to be bare: a gap of exactly this much is close. */
export const BARE_NOTE_WINDOW_MINUTES = 30;

/** The window as an interval literal (`${BARE_WINDOW}::interval`), also for the days a new act makes stale. */
export const BARE_WINDOW = sql.lit(`${BARE_NOTE_WINDOW_MINUTES} minutes`);

/**
 * Whether the internal note by `tech` on `ticket` at `at` is bare: no other
 * act of the same tech on the same ticket (a public comment, a field change,
 * a time entry by its start; another note does not count) within 30 minutes
 * before or after, both ends included. Neighbours outside the report's range
 * count too. Each branch is a short range probe of the (tech, instant)
 * indexes, so the cost follows the number of notes, not of acts.
 */
export function isBareNote(tech: Expression<number>, ticket: Expression<number>, at: Expression<Date>) {
  const from = sql`${at} - ${BARE_WINDOW}::interval`;
  const to = sql`${at} + ${BARE_WINDOW}::interval`;
  // Cheapest answer first: a note is most often written beside a time entry, then beside a field change.
  return sql<boolean>`NOT EXISTS (
      SELECT 1 FROM time_entries o
      WHERE o.tech_id = ${tech} AND o.started_at BETWEEN ${from} AND ${to} AND o.ticket_id = ${ticket})
    AND NOT EXISTS (
      SELECT 1 FROM ticket_events o
      WHERE o.actor_id = ${tech} AND o.at BETWEEN ${from} AND ${to} AND o.ticket_id = ${ticket})
    AND NOT EXISTS (
      SELECT 1 FROM ticket_comments o
      WHERE o.author_id = ${tech} AND o.created_at BETWEEN ${from} AND ${to}
        AND o.ticket_id = ${ticket} AND o.visibility = 'public')`;
}

/**
 * The instant tech `tech` last acted on ticket `ticket` before `before`
 * (null: never), from three probes of the ticket's own indexes.
 */
export function previousTouch(tech: Expression<number>, ticket: Expression<number>, before: Expression<Date> | Date) {
  return touchProbe(tech, ticket, before, "last before");
}

/**
 * The instant tech `tech` next acted on ticket `ticket` at or after `from`
 * (null: not since), from the same probes: the act whose previous touch an
 * act written in before it changes.
 */
export function nextTouch(tech: Expression<number>, ticket: Expression<number>, from: Expression<Date> | Date) {
  return touchProbe(tech, ticket, from, "first from");
}

function touchProbe(
  tech: Expression<number>,
  ticket: Expression<number>,
  edge: Expression<Date> | Date,
  which: "last before" | "first from",
) {
  const [pick, of, op] = (which === "last before" ? ["greatest", "max", "<"] : ["least", "min", ">="]).map((s) =>
    sql.raw(s),
  );
  return sql<Date | null>`${pick}(
    (SELECT ${of}(c.created_at) FROM ticket_comments c
      WHERE c.ticket_id = ${ticket} AND c.author_id = ${tech} AND c.created_at ${op} ${edge}),
    (SELECT ${of}(e.at) FROM ticket_events e
      WHERE e.ticket_id = ${ticket} AND e.actor_id = ${tech} AND e.at ${op} ${edge}),
    (SELECT ${of}(t.started_at) FROM time_entries t
      WHERE t.ticket_id = ${ticket} AND t.tech_id = ${tech} AND t.started_at ${op} ${edge}))`;
}

/** One first reply (firstReplies). */
export interface FirstReply {
  tech_id: number;
  ticket_id: number;
  ticket_created_at: Date;
  replied_at: Date;
  /** Minutes from creation to the reply (may be fractional). */
  minutes: number;
}

/**
 * The first reply of each ticket created in [start, end) that went to one of
 * the given techs: the ticket's first public comment by any tech, in
 * (created_at, id) order, so two replies at the same instant go to the lower
 * comment id. The reply itself may come after the range. Customer comments
 * and internal notes are never a reply.
 *
 * Read in ticket order from the replies index over the ids of the tickets
 * created in the range, keeping each ticket's first (a stream, no sort),
 * then keeping the tickets created in the range. Helpdesks number tickets as
 * they come, so that id span holds the range's tickets and little else;
 * were ids not in creation order it would only read more.
 */
export function firstReplies(ids: TechIds, start: Date, end: Date) {
  return sql<FirstReply>`
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

/** How long after a resolve a reopen still counts against it (a gap of exactly this much counts). */
export const REOPEN_WINDOW_DAYS = 14;

const REOPEN_WINDOW = sql.lit(`${REOPEN_WINDOW_DAYS} days`);

/**
 * The status event before the event `x` on its ticket, in (at, id) order: for a reopen, the resolve it
 * undid (the history records each change with the value it left). A subquery for a LATERAL join or a
 * scalar read; `x` is the alias of the later event.
 */
export function statusBefore(x: string) {
  const at = sql.ref(`${x}.at`);
  return sql<{ id: number; at: Date; actor_id: number | null; new_value: string | null }>`
    SELECT p.id, p.at, p.actor_id, p.new_value FROM ticket_events p
    WHERE p.ticket_id = ${sql.ref(`${x}.ticket_id`)} AND p.field = 'status' AND p.at <= ${at}
      AND (p.at < ${at} OR p.id < ${sql.ref(`${x}.id`)})
    ORDER BY p.at DESC, p.id DESC LIMIT 1`;
}

/**
 * The reopen rule, for a status event `x` joined to `r`, its statusBefore: `x` took the ticket from
 * resolved back to an in-queue status, and `r`, the resolve it undid, was at most 14 days earlier (a gap
 * of exactly 14 days counts). The scorecard counts such resolves against their tech; recurring work
 * counts the tickets.
 */
export const isReopen = sql<boolean>`x.field = 'status' AND x.old_value = 'resolved' AND x.new_value IN (${inQueueLiterals})
      AND r.new_value = 'resolved' AND x.at <= r.at + ${REOPEN_WINDOW}::interval`;

/** One reopened resolve (reopenedResolves). */
export interface ReopenedResolve {
  resolve_id: number;
  tech_id: number;
  resolved_at: Date;
}

/**
 * The resolves of the given techs in [start, end) that the ticket left for
 * an open status (new, open, pending, on hold) within 14 days: the ticket's
 * next status event in (at, id) order, by anyone, sets an open status no
 * later than 14 days after. A ticket that went on to `closed` (or anything
 * else) first was not reopened by this resolve. The 14 days may reach past
 * the range.
 *
 * Found from each reopen (a status event leaving `resolved` for an open
 * status, a few per hundred tickets) by its previous status event, the
 * resolve it undid (the history records each change with the value it
 * left): far fewer lookups than one per resolve.
 */
export function reopenedResolves(ids: TechIds, start: Date, end: Date) {
  return sql<ReopenedResolve>`
    SELECT r.id AS resolve_id, r.actor_id AS tech_id, r.at AS resolved_at
    FROM ticket_events x
    CROSS JOIN LATERAL (${statusBefore("x")}) r
    WHERE ${isReopen}
      AND x.at >= ${start} AND x.at <= ${end}::timestamptz + ${REOPEN_WINDOW}::interval
      AND ${techIs(sql.ref("r.actor_id"), ids)} AND r.at >= ${start} AND r.at < ${end}`;
}
