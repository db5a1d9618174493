import "server-only";
import type { Kysely } from "kysely";
import type { Helpdesk } from "../db/types";
import { log } from "../log";
import type { StoreDb } from "./schema";
import { catchUp, StoreUnavailable } from "./sync";

/**
 * The history index: every ticket's spans in the queues (the fold of
 * lib/sql/helpdesk/queue-spans.ts, run on the replica) and their depth marks,
 * kept in Lookback's own database. "Which tickets were in the queues at T,
 * and how" is then one index lookup of the spans that contain T, and a
 * queue's depth at T one probe of its marks, whatever the length of the
 * history before T.
 *
 * `historyIndex` catches the index up to the report's own helpdesk snapshot
 * first, so it answers exactly what the replica's events say. It returns
 * null when there is no database of our own, when the index is not built yet
 * (a build starts in the background) or when our database does not answer:
 * the queue reports then run the same fold on the replica, for the tickets
 * that may matter.
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
  log.warn(`history index: ${message}; answering from the replica`);
}

export { DEPTH, STATE, storedSpans } from "./schema";
export { buildHistory, catchUpHistory, ensureHistoryBuilding } from "./sync";
