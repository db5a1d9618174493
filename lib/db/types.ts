/** Kysely's view of the two sources, generated from sql/ by `npm run db:types` (checked by scripts/codegen.test.ts). */
export type { DB as Billing } from "./schema/billing";
export type { DB as Helpdesk } from "./schema/helpdesk";
