import "server-only";
import type { z } from "zod";
import { type KnownKind, mustExist } from "../params/known";
import { objectShape } from "../params/ui";
import { presentAccounts } from "../sql/billing/accounts";
import { billedAccounts, type IdTable, presentIds, presentLogins } from "../sql/helpdesk/known-ids";
import { noSuch, unknownValue } from "./refusal";
import type { QueryContext, Report } from "./types";

const TABLES: Partial<Record<KnownKind, IdTable>> = {
  tech: "techs",
  team: "teams",
  queue: "queues",
  customer: "customers",
  certificate: "certificates",
};

/** A client as the client page names it (see client-profitability/client-key.ts). */
type ClientValue = { kind: "account"; accountNo: string } | { kind: "customer"; customerId: number };

/**
 * Every parameter of the report marked `known()` (lib/params/known.ts) names
 * something its source has: checked in the run's own snapshot, before the
 * report's query, one small statement per such parameter given (shown in
 * View SQL like the rest). The first unknown value refuses the run: a
 * parameter error naming it, or "not found" for a value from the page's path.
 */
export async function checkKnown<S extends z.ZodType>(
  report: Pick<Report<S>, "params">,
  params: z.output<S>,
  ctx: Pick<QueryContext, "helpdesk" | "billing">,
): Promise<void> {
  const values = params as Record<string, unknown>;
  for (const [name, field] of Object.entries(objectShape(report.params))) {
    const rule = mustExist.get(field);
    const given = values[name];
    if (!rule || given === undefined || given === null) continue;
    const list = Array.isArray(given) ? given : [given];
    if (list.length === 0) continue;
    const missing = await firstMissing(rule.kind, list, ctx);
    if (missing === undefined) continue;
    const what = rule.kind === "tech-login" ? "tech" : rule.kind;
    throw rule.path ? noSuch(what, missing, "helpdesk") : unknownValue(name, missing, what, "helpdesk");
  }
}

async function firstMissing(
  kind: KnownKind,
  list: unknown[],
  ctx: Pick<QueryContext, "helpdesk" | "billing">,
): Promise<string | undefined> {
  const table = TABLES[kind];
  if (table) {
    const ids = list as number[];
    const present = await presentIds(ctx.helpdesk, table, ids);
    return ids.map(String).find((id) => !present.has(id));
  }
  if (kind === "tech-login") {
    const logins = list as string[];
    const present = await presentLogins(ctx.helpdesk, logins);
    return logins.find((l) => !present.has(l));
  }
  // A client: a billing account (billing has it, or a helpdesk customer is billed to it), or a customer without one.
  for (const client of list as ClientValue[]) {
    if (client.kind === "customer") {
      const present = await presentIds(ctx.helpdesk, "customers", [client.customerId]);
      if (!present.has(String(client.customerId))) return `customer-${client.customerId}`;
    } else {
      const [billing, helpdesk] = await Promise.all([
        presentAccounts(ctx.billing, [client.accountNo]),
        billedAccounts(ctx.helpdesk, [client.accountNo]),
      ]);
      if (!billing.has(client.accountNo) && !helpdesk.has(client.accountNo)) return client.accountNo;
    }
  }
  return undefined;
}
