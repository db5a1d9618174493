import { centsOf, fromCents } from "../../money";
import { addDaysTo, rangeInstants } from "../../params/dates";
import { type HourCosts, hourCosts } from "../../sql/helpdesk/cost-rates";
import { planRange, type SummaryPlan, summaryRun } from "../../summary";
import type { Days } from "../../summary/months";
import type { QueryContext } from "../types";
import { customersOf } from "./client-customers";
import type { ClientKey } from "./client-key";
import { laborByCustomer } from "./labor";
import { type MergeInput, mergeClients } from "./merge";
import { accountNames, allAccounts, allCustomers, customersOnAccounts } from "./names";
import type { ProfitabilityParams } from "./params";
import { revenueByAccount } from "./revenue";
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
  const plan = client ? null : await planRange(ctx.store, [LABOR_SUMMARY], ctx.timeZone, p, { trim: true });
  const lines = plan && (await summaryRun(ctx.store, REVENUE_SUMMARY, ctx.timeZone));
  return mergeClients(plan && lines ? await fromSummaries(ctx, p, plan, lines) : await fromReplicas(ctx, p, client));
}

/** Labor and revenue at once, one query on each source, then the names each side lacks. */
async function fromReplicas(ctx: Sources, p: ProfitabilityParams, client?: ClientKey): Promise<MergeInput> {
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
  return { labor, revenue, customersByAccount, accountNames: names };
}

/**
 * The summarized months [A, B) from our own database, the days before and
 * after them from the replicas, added up per customer and per account in
 * cents. A ticket is counted once: the days before A count only tickets
 * with no time in [A, B), the days after B only those with none in
 * [from, B) (the summary itself counts each ticket once within [A, B)).
 * When A is the first of from's own month (splitRange's `trim`), the days
 * from A to before `from` are taken off instead.
 * Revenue: the lines of the summarized home months (each kept whole, with
 * its period, so any range can be earned from them) from our database, the
 * others (the current month's) from billing. Every client is in the result,
 * so every customer's and account's name is read at once, beside the rest,
 * rather than after it.
 */
async function fromSummaries(
  ctx: Sources,
  p: ProfitabilityParams,
  plan: SummaryPlan,
  lines: { first: string; next: string; computedAt: Date },
): Promise<MergeInput> {
  const store = ctx.store;
  if (!store) throw new Error("summaries without a database of our own");
  const { first, next } = plan.months;
  const computedAt = Math.min(plan.computedAt.getTime(), lines.computedAt.getTime());
  ctx.summarized?.({ first, next, computedAt: new Date(computedAt).toISOString() });
  const months = rangeInstants(first, addDaysTo(next, -1), ctx.timeZone);
  const from = rangeInstants(p.from, p.to, ctx.timeZone).start;
  const costs = async (days: Days | null) => (days ? await hourCosts(ctx, days.from, days.to) : null);
  const [headCosts, tailCosts, trimCosts] = [await costs(plan.head), await costs(plan.tail), await costs(plan.trim)];
  const live = async (days: Days | null, prices: HourCosts | null, notIn: { start: Date; end: Date }) =>
    days && prices
      ? laborByCustomer(ctx.helpdesk, { ...days, timeZone: ctx.timeZone, costs: prices, ticketsNotIn: notIn })
      : [];
  // The days around the months from the replicas, added to the months in our database. Each
  // source's statements run in turn on its one connection; the two sources and ours at once.
  const labor = async () => {
    const head = await live(plan.head, headCosts, months);
    const tail = await live(plan.tail, tailCosts, { start: from, end: months.end });
    // Days of the first month before `from` come off: their minutes and cost, and the tickets
    // they alone gave the month (no time in [from, B)).
    const trim = (await live(plan.trim, trimCosts, { start: from, end: months.end })).map((t) => ({
      ...t,
      minutes: -t.minutes,
      labor_cost: fromCents(-centsOf(t.labor_cost)),
      tickets: -t.tickets,
      missing_rates: -t.missing_rates,
    }));
    const [customers, sums] = await Promise.all([
      allCustomers(ctx.helpdesk),
      summarizedLabor(store, ctx.timeZone, plan.months, [...head, ...tail, ...trim]),
    ]);
    return { customers, sums };
  };
  const revenue = async () => {
    const edges = await revenueByAccount(ctx.billing, {
      from: p.from,
      to: p.to,
      scope: p.scope,
      home: { ...lines, inside: false },
    });
    const [accounts, sums] = await Promise.all([
      allAccounts(ctx.billing),
      summarizedRevenue(store, ctx.timeZone, p, lines, p.scope, edges),
    ]);
    return { accounts, sums };
  };
  const [{ customers, sums: laborSums }, { accounts, sums: revenueSums }] = await Promise.all([labor(), revenue()]);
  const customersByAccount = new Map<string, string[]>();
  for (const [, c] of customers) {
    if (c.account_no === null) continue;
    const names = customersByAccount.get(c.account_no);
    if (names) names.push(c.customer);
    else customersByAccount.set(c.account_no, [c.customer]);
  }
  return {
    // Customers and accounts the sources no longer know are dropped, as the replicas' joins drop them.
    labor: laborSums.flatMap((l) => {
      const c = customers.get(l.customer_id);
      return c ? [{ ...l, customer: c.customer, account_no: c.account_no }] : [];
    }),
    revenue: revenueSums.flatMap((r) => {
      const account = accounts.get(r.account_no);
      return account === undefined ? [] : [{ ...r, account }];
    }),
    customersByAccount,
    accountNames: accounts,
  };
}
