import { describe, expect, it } from "vitest";
import { customerDirectory, mergeClients } from "./merge";

/**
 * The merge by hand: account A-1 has two customers (Acme East, Acme West),
 * Solo has no account, B-2 has revenue and no hours, Gone's account is no
 * longer in billing, and customer 9 is no longer in the helpdesk.
 */
const input = {
  labor: [
    // Acme East: 90 min, $30.00; Acme West: 30 min, $10.01 → A-1: 2 h, $40.01
    { customer_id: 1, minutes: 90, labor_cents: 3000, tickets: 2, missing_rates: 1 },
    { customer_id: 2, minutes: 30, labor_cents: 1001, tickets: 1, missing_rates: 0 },
    // Solo: 60 min, $50.00, no revenue → margin -50.00
    { customer_id: 3, minutes: 60, labor_cents: 5000, tickets: 1, missing_rates: 0 },
    { customer_id: 9, minutes: 600, labor_cents: 99_999, tickets: 5, missing_rates: 0 },
  ],
  revenue: [
    // $100.00 → margin 59.99, 59.99 %, $50.00 per hour
    { account_no: "A-1", revenue_cents: 10_000 },
    // B-2: $20.00, no hours → margin 20.00, 100 %
    { account_no: "B-2", revenue_cents: 2000 },
    { account_no: "GONE", revenue_cents: 123 },
  ],
  // In no order, as the helpdesk gives them: the directory lists an account's customers by name.
  customers: customerDirectory([
    { id: 2, customer: "Acme West", account_no: "A-1" },
    { id: 4, customer: "Bee", account_no: "B-2" },
    { id: 3, customer: "Solo", account_no: null },
    { id: 1, customer: "Acme East", account_no: "A-1" },
  ]),
  accounts: new Map([
    ["A-1", "Acme"],
    ["B-2", "Bee Ltd"],
  ]),
};

describe("the merge of labor and revenue by account", () => {
  it("sums an account's customers, keeps a customer without one apart, worst margin first", () => {
    const rows = mergeClients(input);
    expect(rows.map((r) => [r.account ?? r.customers[0], r.hours, r.labor_cost, r.revenue, r.margin])).toEqual([
      ["Solo", "1.00", "50.00", "0.00", "-50.00"],
      ["Bee Ltd", "0.00", "0.00", "20.00", "20.00"],
      ["Acme", "2.00", "40.01", "100.00", "59.99"],
    ]);
    expect(rows[2]).toMatchObject({
      customers: ["Acme East", "Acme West"],
      margin_pct: "59.99",
      revenue_per_hour: "50.00",
      tickets: 3,
      missing_rates: 1,
      minutes: 120,
    });
    expect(rows[0]).toMatchObject({ account_no: null, customer_id: 3, margin_pct: null, revenue_per_hour: "0.00" });
    expect(rows[1]).toMatchObject({ customers: ["Bee"], margin_pct: "100.00", revenue_per_hour: null });
  });

  it("orders clients of equal margin and cost by name, then account", () => {
    // Three accounts with $20.00 and no hours: "Aardvark" (no customer) and two named "Bee Ltd".
    const rows = mergeClients({
      ...input,
      revenue: [
        ...input.revenue,
        { account_no: "C-3", revenue_cents: 2000 },
        { account_no: "B-1", revenue_cents: 2000 },
      ],
      accounts: new Map([...input.accounts, ["C-3", "Aardvark"], ["B-1", "Bee Ltd"]]),
    });
    expect(rows.map((r) => [r.account_no ?? r.customers[0], r.margin])).toEqual([
      ["Solo", "-50.00"],
      ["C-3", "20.00"],
      ["B-1", "20.00"],
      ["B-2", "20.00"],
      ["A-1", "59.99"],
    ]);
  });

  it("writes out only the first rows asked for, in the same order, ties at the cut by the full order", () => {
    const all = mergeClients(input);
    expect(mergeClients(input, 2)).toEqual(all.slice(0, 2));
    expect(mergeClients(input, 0)).toEqual([]);
    // Four clients of margin 20.00 (B-2, and three with $20.00 and no hours): a cut of 3 ends among them.
    const tied = {
      ...input,
      revenue: [
        ...input.revenue,
        { account_no: "C-3", revenue_cents: 2000 },
        { account_no: "B-1", revenue_cents: 2000 },
        { account_no: "A-0", revenue_cents: 2000 },
      ],
      accounts: new Map([...input.accounts, ["C-3", "Aardvark"], ["B-1", "Bee Ltd"], ["A-0", "Zebra"]]),
    };
    const every = mergeClients(tied);
    expect(every.map((r) => r.account_no ?? r.customers[0])).toEqual(["Solo", "C-3", "B-1", "B-2", "A-0", "A-1"]);
    for (const limit of [1, 2, 3, 4, 5, 6, 7]) expect(mergeClients(tied, limit)).toEqual(every.slice(0, limit));
  });
});
