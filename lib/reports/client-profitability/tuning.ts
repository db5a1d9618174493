import "server-only";
import { type Kysely, sql } from "kysely";
import type { Helpdesk } from "../../db/types";

/**
 * Settings for the big labor aggregation, local to the report's own
 * read-only transaction (set_config(…, true) is SET LOCAL, allowed on a hot
 * standby): enough work_mem to group a year of entries per ticket in memory
 * rather than by an on-disk sort, and no JIT, whose compile time (seconds
 * measured here) exceeds anything it saves on a query of this shape.
 */
export async function tuneForLabor(helpdesk: Kysely<Helpdesk>): Promise<void> {
  await sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(helpdesk);
}
