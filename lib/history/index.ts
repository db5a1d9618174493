import type { Kysely } from "kysely";
import type { Helpdesk } from "../db/types";
import type { StoreDb } from "./schema";
import { catchUp, StoreUnavailable } from "./sync";

/**
 * The history index: for every ticket, the spans of time during which it was
 * in the queues, each with the fields in force during it (spans.ts), kept in
 * Lookback's own database and built only from ticket_events. "Which tickets
 * were in the queues at T, and how" is then one index lookup of the spans
 * that contain T, whatever the length of the history before T.
 *
 * `historyIndex` catches the index up to the report's own helpdesk snapshot
 * first, so it answers exactly what the replica's events say. It returns
 * null when there is no database of our own, when the index is not built yet
 * (a build starts in the background) or when our database does not answer:
 * the queue reports then read ticket_events on the replica instead.
 */
export async function historyIndex(ctx: {
  helpdesk: Kysely<Helpdesk>;
  store: Kysely<unknown> | null;
}): Promise<Kysely<StoreDb> | null> {
  if (!ctx.store) return null;
  try {
    const readiness = await catchUp(ctx.helpdesk, ctx.store as Kysely<StoreDb>);
    return readiness.ready ? (ctx.store as Kysely<StoreDb>) : null;
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    warnOnce(error.message);
    return null;
  }
}

let warned = "";
function warnOnce(message: string) {
  if (message === warned) return;
  warned = message;
  console.warn(`history index: ${message}; answering from the replica`);
}

export { buildHistory, ensureHistoryBuilding } from "./sync";
