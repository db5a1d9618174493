import { type RawBuilder, sql } from "kysely";

/** How close another act must be for an internal note not to be bare: a gap of exactly this much is close. */
export const BARE_NOTE_WINDOW_MINUTES = 30;

const WINDOW = sql.lit(`${BARE_NOTE_WINDOW_MINUTES} minutes`);

/**
 * Whether the internal note by `tech` on `ticket` at `at` is bare: no other
 * act of the same tech on the same ticket (a public comment, a field change,
 * a time entry by its start; another note does not count) within 30 minutes
 * before or after, both ends included. Neighbours outside the report's range
 * count too. Each branch is a short range probe of the (tech, instant)
 * indexes, so the cost follows the number of notes, not of acts.
 */
export function isBareNote(
  tech: RawBuilder<unknown>,
  ticket: RawBuilder<unknown>,
  at: RawBuilder<unknown>,
): RawBuilder<boolean> {
  const from = sql`${at} - ${WINDOW}::interval`;
  const to = sql`${at} + ${WINDOW}::interval`;
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
