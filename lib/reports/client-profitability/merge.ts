import { centsOf, divRound, fromCents } from "../../money";
import type { ProfitabilityRow } from "./row";

/** Labor on one helpdesk customer's tickets in the range. */
export interface CustomerLabor {
  customer_id: number;
  customer: string;
  account_no: string | null;
  minutes: number;
  /** exact sum of the entries' cents */
  labor_cost: string;
  tickets: number;
  missing_rates: number;
}

/** Revenue of one billing account in the range, in USD. */
export interface AccountRevenue {
  account_no: string;
  account: string;
  /** exact sum of the lines' cents */
  revenue: string;
}

export interface MergeInput {
  labor: CustomerLabor[];
  revenue: AccountRevenue[];
  /** Every helpdesk customer's name on each account of the result. */
  customersByAccount: Map<string, string[]>;
  /** Billing's names of accounts that have hours but no revenue. */
  accountNames: Map<string, string>;
}

interface Client {
  accountNo: string | null;
  customerId: number | null;
  customers: string[];
  minutes: number;
  /** In cents. */
  cost: bigint;
  revenue: bigint;
  tickets: number;
  missingRates: number;
}

/**
 * Joins the two databases' halves (query.ts: no query can join them) by account number, in exact integer cents: the
 * customers of one account are summed into one client (a ticket belongs to
 * one customer, so ticket counts add up), a customer without an account is
 * its own client, an account with revenue and no hours gets 0 hours. Rows
 * come worst margin first.
 */
export function mergeClients(input: MergeInput): ProfitabilityRow[] {
  const byAccount = new Map<string, Client>();
  const clients: Client[] = [];
  const blank = (accountNo: string | null, customerId: number | null, customers: string[]): Client => ({
    accountNo,
    customerId,
    customers,
    minutes: 0,
    cost: 0n,
    revenue: 0n,
    tickets: 0,
    missingRates: 0,
  });
  const accountClient = (accountNo: string): Client => {
    let client = byAccount.get(accountNo);
    if (!client) {
      client = blank(accountNo, null, input.customersByAccount.get(accountNo) ?? []);
      byAccount.set(accountNo, client);
      clients.push(client);
    }
    return client;
  };
  for (const l of input.labor) {
    const client = l.account_no === null ? blank(null, l.customer_id, [l.customer]) : accountClient(l.account_no);
    if (l.account_no === null) clients.push(client);
    client.minutes += l.minutes;
    client.cost += centsOf(l.labor_cost);
    client.tickets += l.tickets;
    client.missingRates += l.missing_rates;
  }
  const names = new Map(input.accountNames);
  for (const r of input.revenue) {
    accountClient(r.account_no).revenue = centsOf(r.revenue);
    names.set(r.account_no, r.account);
  }
  return clients
    .map((c) => {
      const row = toRow(c, c.accountNo === null ? null : (names.get(c.accountNo) ?? null));
      return { row, margin: c.revenue - c.cost, cost: c.cost, name: clientName(row) };
    })
    .sort(byMargin)
    .map((keyed) => keyed.row);
}

function toRow(c: Client, account: string | null): ProfitabilityRow {
  const margin = c.revenue - c.cost;
  const minutes = BigInt(c.minutes);
  return {
    account_no: c.accountNo,
    account,
    customers: c.customers,
    hours: fromCents(divRound(minutes * 100n, 60n)),
    labor_cost: fromCents(c.cost),
    revenue: fromCents(c.revenue),
    margin: fromCents(margin),
    // Percent and dollars per hour to 2 decimals, i.e. in hundredths: exact, then rounded once.
    margin_pct: c.revenue === 0n ? null : fromCents(divRound(margin * 10_000n, c.revenue)),
    revenue_per_hour: minutes === 0n ? null : fromCents(divRound(c.revenue * 60n, minutes)),
    tickets: c.tickets,
    missing_rates: c.missingRates,
    minutes: c.minutes,
    customer_id: c.customerId,
  };
}

interface Keyed {
  row: ProfitabilityRow;
  margin: bigint;
  cost: bigint;
  name: string;
}

/** Worst margin first; among equal margins the costlier client first, then by name, so the order is stable. */
function byMargin(a: Keyed, b: Keyed): number {
  return (
    compare(a.margin, b.margin) ||
    compare(b.cost, a.cost) ||
    text(a.name, b.name) ||
    text(a.row.account_no ?? "", b.row.account_no ?? "") ||
    (a.row.customer_id ?? 0) - (b.row.customer_id ?? 0)
  );
}

/** localeCompare's order, from one collator instead of one per comparison. */
const text = new Intl.Collator().compare;

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

export function clientName(row: Pick<ProfitabilityRow, "account" | "account_no" | "customers">): string {
  return row.account ?? row.customers[0] ?? row.account_no ?? "";
}
