import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { customerDirectory, mergeClients } from "./merge";
import { ProfitabilityTotals } from "./view";

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
  return renderToStaticMarkup(createElement(ProfitabilityTotals, { rows, truncated }));
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
