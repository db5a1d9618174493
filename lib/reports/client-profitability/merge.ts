import { exactSum, fromCents, hoursOf, percentOf, perHour } from "../../money";
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

/**
 * Joins the two databases' halves (query.ts: no query can join them) by account number, in exact integer cents: the
 * customers of one account are summed into one client (a ticket belongs to
 * one customer, so ticket counts add up), a customer without an account is
 * its own client, an account with revenue and no hours gets 0 hours. Rows
 * come worst margin first, the first `limit` of them.
 */
export function mergeClients(input: MergeInput, limit = Number.POSITIVE_INFINITY): ProfitabilityRow[] {
  const clients = new ClientSums(input.customers, input.accounts);
  clients.addLabor(input.labor);
  clients.addRevenue(input.revenue);
  return clients.rows(limit);
}

/**
 * The merge, a half at a time: each half is added as soon as it arrives (query.ts adds the first while
 * the other's combine still runs), in any order, then the rows are written once.
 *
 * Clients are the directory's slots (an account billing has that no
 * customer names gets one after them), their sums columns indexed by slot,
 * and the order a sort of slot numbers: no object per client until its row
 * is written (45k clients at scale 36, of which a page's cap writes 10k).
 */
export class ClientSums {
  private readonly known: number;
  private readonly minutes: Float64Array;
  private readonly cost: Float64Array;
  private readonly revenue: Float64Array;
  private readonly tickets: Float64Array;
  private readonly missingRates: Float64Array;
  private readonly seen: Uint8Array;
  /** Billing's accounts that no customer names, each a slot after the directory's. */
  private readonly extra: readonly string[];
  /** Every billing account's slot: the only lookup per revenue row. */
  private readonly slotOfAccount: ReadonlyMap<string, number>;

  constructor(
    private readonly dir: CustomerDirectory,
    /** Billing's name of every account. */
    private readonly accounts: ReadonlyMap<string, string>,
  ) {
    this.known = dir.accountNos.length;
    ({ extra: this.extra, slotOfAccount: this.slotOfAccount } = accountSlots(dir, accounts));
    const size = this.known + this.extra.length;
    this.minutes = new Float64Array(size);
    this.cost = new Float64Array(size);
    this.revenue = new Float64Array(size);
    this.tickets = new Float64Array(size);
    this.missingRates = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  // Customers and accounts the sources no longer know are dropped, as a join would drop them.
  addLabor(labor: readonly CustomerLabor[]): void {
    const { minutes, cost, tickets, missingRates, seen } = this;
    for (const l of labor) {
      const slot = this.dir.slotOfCustomer.get(l.customer_id);
      if (slot === undefined) continue;
      seen[slot] = 1;
      minutes[slot] = (minutes[slot] as number) + l.minutes;
      cost[slot] = exactSum(cost[slot] as number, l.labor_cents);
      tickets[slot] = (tickets[slot] as number) + l.tickets;
      missingRates[slot] = (missingRates[slot] as number) + l.missing_rates;
    }
  }

  addRevenue(revenue: readonly AccountRevenue[]): void {
    for (const r of revenue) {
      const slot = this.slotOfAccount.get(r.account_no);
      if (slot === undefined) continue;
      this.seen[slot] = 1;
      this.revenue[slot] = exactSum(this.revenue[slot] as number, r.revenue_cents);
    }
  }

  rows(limit = Number.POSITIVE_INFINITY): ProfitabilityRow[] {
    const { dir, known, extra, minutes, cost, revenue, tickets, missingRates, seen } = this;
    const size = known + extra.length;
    const margin = new Float64Array(size);
    const slots: number[] = [];
    for (let slot = 0; slot < size; slot++) {
      if (!seen[slot]) continue;
      margin[slot] = exactSum(revenue[slot] as number, -(cost[slot] as number));
      slots.push(slot);
    }
    const accountNo = (slot: number) => (slot < known ? (dir.accountNos[slot] ?? null) : (extra[slot - known] ?? null));
    const customers = (slot: number) => (slot < known ? (dir.names[slot] ?? []) : []);
    const account = (slot: number) => {
      const no = accountNo(slot);
      return no === null ? null : (this.accounts.get(no) ?? null);
    };
    // Worked out once per slot, not per comparison: many clients tie on margin and cost (a plan's price, no hours).
    const names: (string | undefined)[] = [];
    const name = (slot: number) =>
      (names[slot] ??= clientName({ account: account(slot), account_no: accountNo(slot), customers: customers(slot) }));
    // Worst margin first; among equal margins the costlier client first, then by name, so the order is stable.
    // Only the first `limit` are written: those are sorted, not every client (a 10k page of 45k at scale 36).
    const ranked = limit < slots.length ? withinFirst(slots, margin, limit) : slots;
    ranked.sort(
      (a, b) =>
        (margin[a] as number) - (margin[b] as number) ||
        (cost[b] as number) - (cost[a] as number) ||
        text(name(a), name(b)) ||
        text(accountNo(a) ?? "", accountNo(b) ?? "") ||
        (dir.customerIds[a] ?? 0) - (dir.customerIds[b] ?? 0),
    );
    return ranked.slice(0, limit).map((slot) => {
      const m = minutes[slot] as number;
      const paid = revenue[slot] as number;
      const net = margin[slot] as number;
      return {
        account_no: accountNo(slot),
        account: account(slot),
        customers: [...customers(slot)],
        hours: hoursOf(m),
        labor_cost: fromCents(cost[slot] as number),
        revenue: fromCents(paid),
        margin: fromCents(net),
        margin_pct: percentOf(net, paid),
        revenue_per_hour: perHour(paid, m),
        tickets: tickets[slot] as number,
        missing_rates: missingRates[slot] as number,
        minutes: m,
        customer_id: slot < known ? (dir.customerIds[slot] ?? null) : null,
      };
    });
  }
}

/** Slots of billing's accounts, worked out once per directory and accounts table (both kept while unchanged). */
const slotsKept = new WeakMap<CustomerDirectory, WeakMap<ReadonlyMap<string, string>, AccountSlots>>();

interface AccountSlots {
  extra: readonly string[];
  slotOfAccount: ReadonlyMap<string, number>;
}

function accountSlots(dir: CustomerDirectory, accounts: ReadonlyMap<string, string>): AccountSlots {
  let byAccounts = slotsKept.get(dir);
  if (!byAccounts) {
    byAccounts = new WeakMap();
    slotsKept.set(dir, byAccounts);
  }
  const kept = byAccounts.get(accounts);
  if (kept) return kept;
  const extra: string[] = [];
  const slotOfAccount = new Map<string, number>();
  for (const no of accounts.keys()) {
    let slot = dir.slotOfAccount.get(no);
    if (slot === undefined) {
      slot = dir.accountNos.length + extra.length;
      extra.push(no);
    }
    slotOfAccount.set(no, slot);
  }
  const slots = { extra, slotOfAccount };
  byAccounts.set(accounts, slots);
  return slots;
}

/**
 * The slots whose margin is at most the `limit`-th lowest: every slot the first `limit` in margin order can
 * hold, ties at the cut included (their order is the full comparison's). A numeric sort of the margins alone.
 */
function withinFirst(slots: number[], margin: Float64Array, limit: number): number[] {
  if (limit <= 0) return [];
  // A plain loop: Float64Array.from with a mapping function was most of this function's 16 ms for 45k clients.
  const margins = new Float64Array(slots.length);
  for (let i = 0; i < slots.length; i++) margins[i] = margin[slots[i] as number] as number;
  const cut = margins.sort()[limit - 1] as number;
  return slots.filter((slot) => (margin[slot] as number) <= cut);
}

/** localeCompare's order, from one collator instead of one per comparison. */
const text = new Intl.Collator().compare;

export function clientName(
  row: Pick<ProfitabilityRow, "account" | "account_no"> & { customers: readonly string[] },
): string {
  return row.account ?? row.customers[0] ?? row.account_no ?? "";
}
