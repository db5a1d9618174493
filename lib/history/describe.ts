import { YOUNG_DAYS } from "../sql/helpdesk/queue-candidates";

/** How the queue reports find their tickets, in the words each one's description uses. */
export const HOW_TICKETS_ARE_FOUND =
  "Tickets are found in Lookback's history index: the spans each ticket spent in the queues, folded from ticket_events " +
  "alone and caught up with the replica before every run (run facts show its statements as “lookback”). Without a " +
  "database of Lookback's own, or while the index is first built, the same fold runs on the replica for the tickets " +
  `that may be in the queues: those created in the ${YOUNG_DAYS} days before an instant whose history says so, and ` +
  "older ones among those the tickets table shows as still open or as updated after the instant: a wrong ticket row " +
  "can hide an old ticket there, never add one.";
