import type { QueryContext } from "../types";
import { customersOf } from "./client-customers";
import type { ClientKey } from "./client-key";
import { hourCosts } from "./hour-costs";
import { laborByCustomer } from "./labor";
import { mergeClients } from "./merge";
import { accountNames, customersOnAccounts } from "./names";
import type { ProfitabilityParams } from "./params";
import { revenueByAccount } from "./revenue";
import type { ProfitabilityRow } from "./row";

type Sources = Pick<QueryContext, "helpdesk" | "billing" | "timeZone">;

/**
 * The report's rows, or one client's row when `client` is given (the
 * drill-down's summary, so both pages show the same numbers). No query can
 * join the two databases: the tech's hourly prices come first (cost rates
 * from helpdesk, fx rates from billing), then labor and revenue run at once,
 * one on each source, then the names each side lacks, then the merge.
 */
export async function loadProfitability(
  ctx: Sources,
  p: ProfitabilityParams,
  client?: ClientKey,
): Promise<ProfitabilityRow[]> {
  const costs = await hourCosts(ctx, p.from, p.to);
  const [labor, revenue] = await Promise.all([
    laborByCustomer(ctx.helpdesk, {
      from: p.from,
      to: p.to,
      timeZone: ctx.timeZone,
      costs,
      customers: client && customersOf(client),
    }),
    client?.kind === "customer"
      ? []
      : revenueByAccount(ctx.billing, { from: p.from, to: p.to, scope: p.scope, accountNo: client?.accountNo }),
  ]);
  const withRevenue = new Set(revenue.map((r) => r.account_no));
  const accounts = [
    ...new Set([...labor.flatMap((l) => (l.account_no === null ? [] : [l.account_no])), ...withRevenue]),
  ];
  const [customersByAccount, names] = await Promise.all([
    customersOnAccounts(ctx.helpdesk, accounts),
    accountNames(
      ctx.billing,
      accounts.filter((a) => !withRevenue.has(a)),
    ),
  ]);
  return mergeClients({ labor, revenue, customersByAccount, accountNames: names });
}
