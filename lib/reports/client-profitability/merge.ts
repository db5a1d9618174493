import { divRound, exactSum, fromCents } from "../../money";
import type { ProfitabilityRow } from "./row";

/** Labor on one helpdesk customer's tickets in the range. */
export interface CustomerLabor {
  customer_id: number;
  minutes: number;
  /** exact sum of the entries' cents, in cents */
  labor_cents: number;
  tickets: number;
  missing_rates: number;
}

/** Revenue of one billing account in the range, in USD cents (exact sum of the lines' cents). */
export interface AccountRevenue {
  account_no: string;
  revenue_cents: number;
}

/** A helpdesk customer's name and billing account. */
export interface Customer {
  customer: string;
  account_no: string | null;
}

export interface MergeInput {
  labor: readonly CustomerLabor[];
  revenue: readonly AccountRevenue[];
  /** Every helpdesk customer by id, in the order an account lists its customers (name, then id). */
  customers: ReadonlyMap<number, Customer>;
  /** Billing's name of every account. */
  accounts: ReadonlyMap<string, string>;
}

interface Client {
  accountNo: string | null;
  customerId: number | null;
  customers: string[];
  minutes: number;
  /** In cents. */
  cost: number;
  revenue: number;
  tickets: number;
  missingRates: number;
}

/**
 * Joins the two databases' halves (query.ts: no query can join them) by account number, in exact integer cents: the
 * customers of one account are summed into one client (a ticket belongs to
 * one customer, so ticket counts add up), a customer without an account is
 * its own client, an account with revenue and no hours gets 0 hours. Rows
 * come worst margin first, the first `limit` of them.
 */
export function mergeClients(input: MergeInput, limit = Number.POSITIVE_INFINITY): ProfitabilityRow[] {
  const byAccount = new Map<string, Client>();
  const clients: Client[] = [];
  const blank = (accountNo: string | null, customerId: number | null, customers: string[]): Client => ({
    accountNo,
    customerId,
    customers,
    minutes: 0,
    cost: 0,
    revenue: 0,
    tickets: 0,
    missingRates: 0,
  });
  const customersByAccount = new Map<string, string[]>();
  for (const c of input.customers.values()) {
    if (c.account_no === null) continue;
    const names = customersByAccount.get(c.account_no);
    if (names) names.push(c.customer);
    else customersByAccount.set(c.account_no, [c.customer]);
  }
  const accountClient = (accountNo: string): Client => {
    let client = byAccount.get(accountNo);
    if (!client) {
      client = blank(accountNo, null, customersByAccount.get(accountNo) ?? []);
      byAccount.set(accountNo, client);
      clients.push(client);
    }
    return client;
  };
  // Customers and accounts the sources no longer know are dropped, as a join would drop them.
  for (const l of input.labor) {
    const customer = input.customers.get(l.customer_id);
    if (!customer) continue;
    let client: Client;
    if (customer.account_no === null) {
      client = blank(null, l.customer_id, [customer.customer]);
      clients.push(client);
    } else client = accountClient(customer.account_no);
    client.minutes += l.minutes;
    client.cost = exactSum(client.cost, l.labor_cents);
    client.tickets += l.tickets;
    client.missingRates += l.missing_rates;
  }
  for (const r of input.revenue) {
    if (input.accounts.has(r.account_no)) accountClient(r.account_no).revenue = r.revenue_cents;
  }
  const keyed = clients.map((c) => {
    const account = c.accountNo === null ? null : (input.accounts.get(c.accountNo) ?? null);
    const name = clientName({ account, account_no: c.accountNo, customers: c.customers });
    return { client: c, account, margin: exactSum(c.revenue, -c.cost), name };
  });
  // Only the rows asked for are written out (a page's cap of many thousand clients): the order needs no strings.
  return keyed
    .sort(byMargin)
    .slice(0, limit)
    .map((k) => toRow(k.client, k.account, k.margin));
}

function toRow(c: Client, account: string | null, margin: number): ProfitabilityRow {
  const minutes = c.minutes;
  return {
    account_no: c.accountNo,
    account,
    customers: c.customers,
    hours: fromCents(divRound(minutes, 60, 100)),
    labor_cost: fromCents(c.cost),
    revenue: fromCents(c.revenue),
    margin: fromCents(margin),
    // Percent and dollars per hour to 2 decimals, i.e. in hundredths: exact, then rounded once.
    margin_pct: c.revenue === 0 ? null : fromCents(divRound(margin, c.revenue, 10_000)),
    revenue_per_hour: minutes === 0 ? null : fromCents(divRound(c.revenue, minutes, 60)),
    tickets: c.tickets,
    missing_rates: c.missingRates,
    minutes: c.minutes,
    customer_id: c.customerId,
  };
}

interface Keyed {
  client: Client;
  margin: number;
  name: string;
}

/** Worst margin first; among equal margins the costlier client first, then by name, so the order is stable. */
function byMargin(a: Keyed, b: Keyed): number {
  return (
    a.margin - b.margin ||
    b.client.cost - a.client.cost ||
    text(a.name, b.name) ||
    text(a.client.accountNo ?? "", b.client.accountNo ?? "") ||
    (a.client.customerId ?? 0) - (b.client.customerId ?? 0)
  );
}

/** localeCompare's order, from one collator instead of one per comparison. */
const text = new Intl.Collator().compare;

export function clientName(row: Pick<ProfitabilityRow, "account" | "account_no" | "customers">): string {
  return row.account ?? row.customers[0] ?? row.account_no ?? "";
}
