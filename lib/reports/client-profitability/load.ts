import { addDaysTo, rangeInstants } from "../../params/dates";
import { planRange, type SummaryPlan } from "../../summary";
import type { Days } from "../../summary/months";
import type { QueryContext } from "../types";
import { customersOf } from "./client-customers";
import type { ClientKey } from "./client-key";
import { hourCosts } from "./hour-costs";
import { type CustomerLabor, laborByCustomer } from "./labor";
import { mergeClients } from "./merge";
import { centsOf, fromCents } from "./money";
import { accountNames, customerNames, customersOnAccounts } from "./names";
import type { ProfitabilityParams } from "./params";
import { type AccountRevenue, revenueByAccount } from "./revenue";
import type { ProfitabilityRow } from "./row";
import { LABOR_SUMMARY, REVENUE_SUMMARY, summarizedLabor, summarizedRevenue } from "./summary";

type Sources = Pick<QueryContext, "helpdesk" | "billing" | "timeZone" | "store" | "summarized">;

/**
 * The report's rows, or one client's row when `client` is given (the
 * drill-down's summary, so both pages show the same numbers). No query can
 * join the two databases: labor comes from helpdesk (priced with its cost
 * rates and billing's fx rates), revenue from billing, then the names each
 * side lacks, then the merge. Every client over a range with whole closed
 * months reads those months from the monthly summaries (summary.ts) and only
 * the days around them from the replicas; one client, or a range without
 * such a month, reads the replicas only.
 */
export async function loadProfitability(
  ctx: Sources,
  p: ProfitabilityParams,
  client?: ClientKey,
): Promise<ProfitabilityRow[]> {
  const plan = client ? null : await planRange(ctx.store, [LABOR_SUMMARY, REVENUE_SUMMARY], ctx.timeZone, p);
  const { labor, revenue } = plan ? await fromSummaries(ctx, p, plan) : await fromReplicas(ctx, p, client);
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

interface Halves {
  labor: CustomerLabor[];
  revenue: AccountRevenue[];
}

/** Labor and revenue at once, one query on each source. */
async function fromReplicas(ctx: Sources, p: ProfitabilityParams, client?: ClientKey): Promise<Halves> {
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
  return { labor, revenue };
}

/**
 * The summarized months [A, B) from our own database, the days before and
 * after them from the replicas, added up per customer and per account in
 * cents. A ticket is counted once: the days before A count only tickets
 * with no time in [A, B), the days after B only those with none in
 * [from, B) (the summary itself counts each ticket once within [A, B)).
 * Revenue from billing is every line the summary does not hold whole.
 */
async function fromSummaries(ctx: Sources, p: ProfitabilityParams, plan: SummaryPlan): Promise<Halves> {
  const store = ctx.store;
  if (!store) throw new Error("summaries without a database of our own");
  const { first, next } = plan.months;
  ctx.summarized?.({ first, next, computedAt: plan.computedAt.toISOString() });
  const months = rangeInstants(first, addDaysTo(next, -1), ctx.timeZone);
  const from = rangeInstants(p.from, p.to, ctx.timeZone).start;
  const live = async (days: Days | null, notIn: { start: Date; end: Date }) =>
    days
      ? laborByCustomer(ctx.helpdesk, {
          ...days,
          timeZone: ctx.timeZone,
          costs: await hourCosts(ctx, days.from, days.to),
          ticketsNotIn: notIn,
        })
      : [];
  const [head, tail, summarized, revenueLive, revenueSummarized] = await Promise.all([
    live(plan.head, months),
    live(plan.tail, { start: from, end: months.end }),
    summarizedLabor(store, ctx.timeZone, plan.months),
    revenueByAccount(ctx.billing, { from: p.from, to: p.to, scope: p.scope, outside: plan.months }),
    summarizedRevenue(store, ctx.timeZone, plan.months, p.scope),
  ]);

  const labor = new Map<number, { row: CustomerLabor; cents: bigint }>();
  const addLabor = (row: CustomerLabor, cents: bigint) => {
    const seen = labor.get(row.customer_id);
    if (!seen) return labor.set(row.customer_id, { row: { ...row }, cents });
    seen.row.minutes += row.minutes;
    seen.row.tickets += row.tickets;
    seen.row.missing_rates += row.missing_rates;
    seen.cents += cents;
  };
  for (const row of [...head, ...tail]) addLabor(row, centsOf(row.labor_cost));
  const unnamed = summarized.filter((s) => !labor.has(s.customer_id)).map((s) => s.customer_id);
  const customers = await customerNames(ctx.helpdesk, unnamed);
  for (const s of summarized) {
    const known = labor.get(s.customer_id)?.row ?? customers.get(s.customer_id);
    if (!known) continue; // a customer helpdesk no longer has: the replicas' join would drop it too
    const { cents, ...sums } = s;
    addLabor({ ...sums, customer: known.customer, account_no: known.account_no, labor_cost: "0.00" }, cents);
  }

  const revenue = new Map(revenueLive.map((r) => [r.account_no, { ...r, cents: centsOf(r.revenue) }]));
  const unnamedAccounts = [...revenueSummarized.keys()].filter((a) => !revenue.has(a));
  const accounts = await accountNames(ctx.billing, unnamedAccounts);
  for (const [account_no, cents] of revenueSummarized) {
    const seen = revenue.get(account_no);
    if (seen) seen.cents += cents;
    else {
      const account = accounts.get(account_no);
      if (account !== undefined) revenue.set(account_no, { account_no, account, revenue: "0.00", cents });
    }
  }
  return {
    labor: [...labor.values()].map(({ row, cents }) => ({ ...row, labor_cost: fromCents(cents) })),
    revenue: [...revenue.values()].map(({ cents, ...r }) => ({ ...r, revenue: fromCents(cents) })),
  };
}
