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
  id: number;
  customer: string;
  account_no: string | null;
}

/**
 * Every helpdesk customer as the merge needs them, worked out once per
 * customers table (directory.ts keeps it while the table is unchanged): each
 * client a slot (an account with its customers, or a customer without an
 * account), each customer the slot its labor goes to.
 */
export interface CustomerDirectory {
  slotOfCustomer: ReadonlyMap<number, number>;
  slotOfAccount: ReadonlyMap<string, number>;
  /** Per slot: its account, or null for a customer without one (then `customerIds` names it). */
  accountNos: readonly (string | null)[];
  customerIds: readonly (number | null)[];
  /** Per slot: its customers' names, by name, then id. */
  names: readonly (readonly string[])[];
}

export function customerDirectory(customers: Iterable<Customer>): CustomerDirectory {
  const slotOfCustomer = new Map<number, number>();
  const slotOfAccount = new Map<string, number>();
  const accountNos: (string | null)[] = [];
  const customerIds: (number | null)[] = [];
  const members: Customer[][] = [];
  for (const c of customers) {
    let slot = c.account_no === null ? undefined : slotOfAccount.get(c.account_no);
    if (slot === undefined) {
      slot = accountNos.length;
      accountNos.push(c.account_no);
      customerIds.push(c.account_no === null ? c.id : null);
      members.push([]);
      if (c.account_no !== null) slotOfAccount.set(c.account_no, slot);
    }
    slotOfCustomer.set(c.id, slot);
    (members[slot] as Customer[]).push(c);
  }
  // Sorted here, per account, not all 54k names by the helpdesk's collation (60 ms at scale 36): most accounts have one.
  const names = members.map((m) => {
    if (m.length > 1) m.sort((a, b) => text(a.customer, b.customer) || a.id - b.id);
    return m.map((c) => c.customer);
  });
  return { slotOfCustomer, slotOfAccount, accountNos, customerIds, names };
}

export interface MergeInput {
  labor: readonly CustomerLabor[];
  revenue: readonly AccountRevenue[];
  customers: CustomerDirectory;
  /** Billing's name of every account. */
  accounts: ReadonlyMap<string, string>;
}

interface Client {
  accountNo: string | null;
  customerId: number | null;
  customers: readonly string[];
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
 * come worst margin first, the first `limit` of them. A client is found by
 * its directory slot (an account billing has that no customer names gets
 * one after them), its customers' names already sorted there.
 */
export function mergeClients(input: MergeInput, limit = Number.POSITIVE_INFINITY): ProfitabilityRow[] {
  const dir = input.customers;
  const known = dir.accountNos.length;
  // By slot: the directory's, then accounts billing has that no customer names (revenue only).
  // Filled up front: assigned out of order, a growing array would go sparse (a slow dictionary in V8).
  const clients: (Client | undefined)[] = new Array(known + input.revenue.length).fill(undefined);
  const extra = new Map<string, number>();
  const clientIn = (slot: number, accountNo?: string): Client => {
    let client = clients[slot];
    if (!client) {
      client = {
        accountNo: slot < known ? (dir.accountNos[slot] ?? null) : (accountNo ?? null),
        customerId: slot < known ? (dir.customerIds[slot] ?? null) : null,
        customers: slot < known ? (dir.names[slot] ?? []) : [],
        minutes: 0,
        cost: 0,
        revenue: 0,
        tickets: 0,
        missingRates: 0,
      };
      clients[slot] = client;
    }
    return client;
  };
  // Customers and accounts the sources no longer know are dropped, as a join would drop them.
  for (const l of input.labor) {
    const slot = dir.slotOfCustomer.get(l.customer_id);
    if (slot === undefined) continue;
    const client = clientIn(slot);
    client.minutes += l.minutes;
    client.cost = exactSum(client.cost, l.labor_cents);
    client.tickets += l.tickets;
    client.missingRates += l.missing_rates;
  }
  for (const r of input.revenue) {
    if (!input.accounts.has(r.account_no)) continue;
    let slot = dir.slotOfAccount.get(r.account_no) ?? extra.get(r.account_no);
    if (slot === undefined) {
      slot = known + extra.size;
      extra.set(r.account_no, slot);
    }
    clientIn(slot, r.account_no).revenue = r.revenue_cents;
  }
  const keyed: Keyed[] = [];
  for (const client of clients) {
    if (!client) continue;
    const account = client.accountNo === null ? null : (input.accounts.get(client.accountNo) ?? null);
    const name = clientName({ account, account_no: client.accountNo, customers: client.customers });
    keyed.push({ client, account, margin: exactSum(client.revenue, -client.cost), name });
  }
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
    customers: [...c.customers],
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
  account: string | null;
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

export function clientName(
  row: Pick<ProfitabilityRow, "account" | "account_no"> & { customers: readonly string[] },
): string {
  return row.account ?? row.customers[0] ?? row.account_no ?? "";
}
