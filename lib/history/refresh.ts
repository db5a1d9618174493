import "server-only";
import { readOnly } from "../db/read-only";
import { storeDb } from "../db/store";
import type { Helpdesk } from "../db/types";
import type { StoreDb } from "./schema";
import { catchUp, prepareHistory } from "./sync";

/**
 * One pass of the history index's upkeep, run by the job engine every
 * minute: build it when it is missing (or of another version, or of another
 * helpdesk database), else catch it up with the replica's newest events.
 */
export async function refreshHistory(): Promise<void> {
  const store = storeDb<StoreDb>();
  if (!store) return;
  await prepareHistory();
  await readOnly<Helpdesk, unknown>("helpdesk", { label: "history" }, ({ db }) => catchUp(db, store));
}
