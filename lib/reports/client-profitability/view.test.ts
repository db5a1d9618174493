import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { customerDirectory, mergeClients } from "./merge";
import type { ProfitabilityRow } from "./row";
import { clientRow } from "./test-fixture";
import { totalsOf } from "./totals";
import { ProfitabilityTotals, plottedRows } from "./view";

/** Two clients from the merge: Acme $100.00 revenue, $40.00 labor; Solo $50.00 labor, no revenue. */
const rows = mergeClients({
  labor: [
    { customer_id: 1, minutes: 120, labor_cents: 4000, tickets: 2, missing_rates: 0 },
    { customer_id: 2, minutes: 60, labor_cents: 5000, tickets: 1, missing_rates: 0 },
  ],
  revenue: [{ account_no: "A-1", revenue_cents: 10_000 }],
  customers: customerDirectory([
    { id: 1, customer: "Acme East", account_no: "A-1" },
    { id: 2, customer: "Solo", account_no: null },
  ]),
  accounts: new Map([["A-1", "Acme"]]),
});

function render(truncated: boolean): string {
  return renderToStaticMarkup(createElement(ProfitabilityTotals, { totals: totalsOf(rows), truncated }));
}

describe("the profitability tiles", () => {
  it("sum the rows: $100.00 revenue, $90.00 labor, 1 of 2 clients costing more than they pay", () => {
    const html = render(false);
    expect(html).toContain("$100.00");
    expect(html).toContain("$90.00");
    expect(html).toContain("1 of 2");
    expect(html).not.toContain("not of every client");
  });

  it("say so when the result was cut at the row cap: the totals are of the rows shown only", () => {
    expect(render(true)).toContain("These totals are of the 2 clients with the lowest margins, not of every client");
  });
});

/** A row that matters here for its place, revenue and cost only. */
function client(n: number, revenue: number, laborCost: number): ProfitabilityRow {
  const money = (v: number) => v.toFixed(2);
  return clientRow({
    account_no: `A-${n}`,
    account: `Client ${n}`,
    labor_cost: money(laborCost),
    revenue: money(revenue),
    margin: money(revenue - laborCost),
  });
}

describe("the profitability chart's marks", () => {
  it("are every client while there are at most 200", () => {
    const rows = Array.from({ length: 200 }, (_, i) => client(i, i, 0));
    expect(plottedRows(rows)).toEqual(rows);
  });

  it("are the 50 lowest margins, then the 150 largest of the rest by revenue or cost, in the result's order", () => {
    // 260 clients: the first 50 tiny; after them client i earns $i, except client 60, which costs $5,000.
    // The 150 largest of clients 50–259 are 60 (cost 5,000) and 111–259 (149 clients earning $111–$259).
    const rows = Array.from({ length: 260 }, (_, i) =>
      i < 50 ? client(i, 0.01, 0) : client(i, i, i === 60 ? 5000 : 0),
    );
    const plotted = plottedRows(rows).map((r) => r.account_no);
    const expected = [
      0,
      ...Array.from({ length: 49 }, (_, i) => i + 1),
      60,
      ...Array.from({ length: 149 }, (_, i) => 111 + i),
    ];
    expect(plotted).toEqual(expected.map((n) => `A-${n}`));
  });
});
