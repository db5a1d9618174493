import "server-only";
import { catchUpHistory, prepareHistory } from "./sync";

/**
 * One pass of the history index's upkeep, run by the job engine every
 * minute: build it when it is missing (or of another version, or of another
 * helpdesk database), else catch it up with the replica's newest events.
 */
export async function refreshHistory(): Promise<void> {
  await prepareHistory();
  await catchUpHistory();
}
