import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../../auth/roles";
import { createTestSources, type TestSources } from "../../../testing/databases";
import { Refusal } from "../../refusal";
import { runReport } from "../../run";
import type { Report, Row } from "../../types";
import { profitabilityParams } from "../params";
import { clientProfitability } from "../report";
import { BILLING, HELPDESK } from "../test-fixture";
import { clientDetailParams } from "./params";
import { monthsOf } from "./query";
import {
  clientMonthsReport,
  clientProfileReport,
  clientSummary,
  clientTechsReport,
  clientTicketsReport,
} from "./report";

/*
 * The drill-down over the same hand-made fixture as profitability.test.ts
 * (see the arithmetic there), range 2024-02-01 .. 2024-03-31, zone UTC.
 */

const manager: User = { login: "test-manager", role: "manager", teamIds: [] };
const range = { from: "2024-02-01", to: "2024-03-31", scope: "support" };

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HELPDESK, billing: BILLING });
  await sources.use({ LOOKBACK_TZ: "UTC" });
});
afterAll(() => sources.drop());

async function detail<R extends Row>(report: Report<typeof clientDetailParams, R>, client: string): Promise<R[]> {
  const result = await runReport(report, clientDetailParams.parse({ ...range, client }), { user: manager });
  return result.rows;
}

describe("client drill-down", () => {
  it("summarises a client with exactly its row of the report", async () => {
    // The figures profitability.test.ts works out by hand for these three clients.
    const figures = (rows: Row[]) => rows.map((r) => [r.hours, r.labor_cost, r.revenue, r.margin]);
    expect(figures(await detail(clientSummary, "A-100"))).toEqual([["4.42", "235.00", "639.19", "404.19"]]);
    expect(figures(await detail(clientSummary, "A-400"))).toEqual([["0.00", "0.00", "290.00", "290.00"]]);
    expect(figures(await detail(clientSummary, "customer-5"))).toEqual([["0.50", "40.00", "0.00", "-40.00"]]);
    const report = await runReport(clientProfitability, profitabilityParams.parse(range), { user: manager });
    for (const client of ["A-100", "A-400", "customer-5"]) {
      const expected = report.rows.filter((r) =>
        client.startsWith("customer-") ? r.customer_id === Number(client.slice(9)) : r.account_no === client,
      );
      expect(expected).toHaveLength(1);
      expect(await detail(clientSummary, client)).toEqual(expected);
    }
  });

  it("puts hours beside revenue per month", async () => {
    expect(await detail(clientMonthsReport, "A-100")).toEqual([
      // labor: e1 90 min 90.00 + e3 50 min 41.67 + e5 30 min 0.00 = 170 min (2.83 h), 131.67
      // revenue: l1 310.00 × 14 / 31 = 140.00, plus l5 225.00 issued 02-28 = 365.00
      { month: "2024-02", hours: "2.83", minutes: 170, labor_cost: "131.67", revenue: "365.00", margin: "233.33" },
      // labor: e2 45 min 60.00 + e4 50 min 43.33 = 95 min (1.58 h), 103.33; revenue: l2 500.00 × 17 / 31 = 274.19
      { month: "2024-03", hours: "1.58", minutes: 95, labor_cost: "103.33", revenue: "274.19", margin: "170.86" },
    ]);
  });

  it("splits a yearly GBP line at month ends, each month's share rounded", async () => {
    const months = await detail(clientMonthsReport, "A-200");
    expect(months.map((m) => [m.month, m.revenue, m.labor_cost])).toEqual([
      // l7: 1000.00 × 29 × 1.20 / 366 = 95.081… → 95.08; l9 12.53; l10 −0.03
      ["2024-02", "107.58", "15.02"],
      // l7: 1000.00 × 31 × 1.20 / 366 = 101.639… → 101.64; l8 −65.00
      ["2024-03", "36.64", "0.00"],
    ]);
  });

  it("splits each line's revenue so that the months add up to the client's revenue", async () => {
    // A-700 (added here): 1.01 for 29 February and 1 March earns 1.01 in the range. Its two halves are
    // 0.505 each: February rounds to 0.51, and March gets the rest, 0.50 (each rounded alone: 0.51 twice).
    await sources.exec(
      "billing",
      `INSERT INTO accounts VALUES ('A-700', 'Two Days Ltd', 'USD', 'active', '2020-01-01');
       INSERT INTO invoices VALUES (70, 'A-700', 'INV-70', '2024-02-29', '2024-03-29', 'open', 'USD');
       INSERT INTO invoice_lines VALUES (70, 70, 'RET', 'Two days', 1, 1.01, 1.01, '2024-02-29', '2024-03-01', NULL)`,
    );
    const months = await detail(clientMonthsReport, "A-700");
    expect(months.map((m) => [m.month, m.revenue])).toEqual([
      ["2024-02", "0.51"],
      ["2024-03", "0.50"],
    ]);
    expect((await detail(clientSummary, "A-700")).map((r) => r.revenue)).toEqual(["1.01"]);
  });

  it("lists the client's tickets with their time and cost, costliest first", async () => {
    expect(await detail(clientTicketsReport, "A-100")).toEqual([
      // e1 90.00 + e2 60.00; 135 min
      {
        ticket_id: 1,
        subject: "East mail down",
        customer: "Retainer Corp East",
        status: "open",
        hours: "2.25",
        minutes: 135,
        labor_cost: "150.00",
        entries: 2,
        missing_rates: 0,
        techs: ["ann"],
      },
      // e3 41.67 + e4 43.33; 100 min = 1.666… → 1.67 h
      {
        ticket_id: 2,
        subject: "West VPN",
        customer: "Retainer Corp West",
        status: "open",
        hours: "1.67",
        minutes: 100,
        labor_cost: "85.00",
        entries: 2,
        missing_rates: 0,
        techs: ["bob"],
      },
      {
        ticket_id: 3,
        subject: "West printer",
        customer: "Retainer Corp West",
        status: "open",
        hours: "0.50",
        minutes: 30,
        labor_cost: "0.00",
        entries: 1,
        missing_rates: 1,
        techs: ["cat"],
      },
    ]);
  });

  it("names the techs who spent the time, with their share of the hours", async () => {
    const techs = await detail(clientTechsReport, "A-100");
    expect(
      techs.map((t) => [t.login, t.hours, t.hours_share, t.labor_cost, t.tickets, t.entries, t.missing_rates]),
    ).toEqual([
      // 135 / 265 × 100 = 50.943… → 50.94
      ["ann", "2.25", "50.94", "150.00", 1, 2, 0],
      // 100 / 265 × 100 = 37.735… → 37.74
      ["bob", "1.67", "37.74", "85.00", 1, 2, 0],
      // 30 / 265 × 100 = 11.320… → 11.32
      ["cat", "0.50", "11.32", "0.00", 1, 1, 1],
    ]);
  });

  it("has no revenue panel for a customer without an account, only its own hours", async () => {
    // e10: ann 30 min × 80.00 = 40.00, in March
    expect((await detail(clientMonthsReport, "customer-5")).map((m) => [m.month, m.labor_cost, m.revenue])).toEqual([
      ["2024-02", "0.00", "0.00"],
      ["2024-03", "40.00", "0.00"],
    ]);
  });
});

describe("monthsOf", () => {
  it("says who the client is: billing's name and the helpdesk customers on the account, or the one customer", async () => {
    expect(await detail(clientProfileReport, "A-100")).toEqual([
      {
        client: "A-100",
        account_no: "A-100",
        account: "Retainer Corp",
        customers: ["Retainer Corp East", "Retainer Corp West"],
        customer_id: null,
      },
    ]);
    // billing only; customer-5: helpdesk only.
    expect((await detail(clientProfileReport, "A-400"))[0]).toMatchObject({
      account: "No Helpdesk LLC",
      customers: [],
    });
    expect(await detail(clientProfileReport, "customer-5")).toEqual([
      { client: "customer-5", account_no: null, account: null, customers: ["Internal IT"], customer_id: 5 },
    ]);
  });

  it("refuses a client that neither database knows as not found (the page's 404), before any panel runs", async () => {
    for (const client of ["NOPE-1", "customer-999"]) {
      const refusals = await Promise.all([
        detail(clientProfileReport, client).catch((e) => e),
        detail(clientSummary, client).catch((e) => e),
        detail(clientTicketsReport, client).catch((e) => e),
      ]);
      for (const refusal of refusals) {
        expect(refusal, client).toBeInstanceOf(Refusal);
        expect(refusal.kind).toBe("not_found");
      }
    }
  });

  it("lists every month touching the range, across a year end", () => {
    expect(monthsOf("2023-11-15", "2024-02-01")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthsOf("2024-02-29", "2024-02-29")).toEqual(["2024-02"]);
  });
});
