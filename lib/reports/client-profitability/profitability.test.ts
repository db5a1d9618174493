import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { answeredByWay, BOTH_WAYS, summariesOrNot } from "../../summary/testing";
import { createTestSources, type TestSources } from "../../testing/databases";
import { DAY_SUMMARIES } from "../day-summaries";
import { runReport } from "../run";
import { profitabilityParams } from "./params";
import { clientProfitability } from "./report";
import { BILLING, clientRow, HELPDESK } from "./test-fixture";
import { totalsOf } from "./totals";

/*
 * Every expected number below is worked out by hand from test-fixture.ts.
 * Range: 2024-02-01 .. 2024-03-31, reporting zone UTC unless said.
 *
 * Labor, entry by entry (minutes / 60 × rate × fx, rounded per entry):
 *   A-100  e1 ann 02-10  90 min × 60.00          =  90.00
 *          e2 ann 03-05  45 min × 80.00          =  60.00   (ann's rate changed 03-01)
 *          e3 bob 02-20  50 min × 40.00 GBP × 1.25 = 41.666… → 41.67
 *          e4 bob 03-10  50 min × 40.00 GBP × 1.30 = 43.333… → 43.33
 *          e5 cat 02-15  30 min, no rate in force  =   0.00   (missing_rates 1)
 *          e6 (01-31 23:30) and e7 (04-01 00:00) are outside the range.
 *          → 265 min = 4.4166… → 4.42 h; 235.00; tickets 1, 2, 3 → 3
 *   A-200  e8, e9 dan 10 min × 45.03 = 7.505 → 7.51 each (half away from zero, per entry)
 *          → 20 min = 0.33 h; 15.02 (not round(15.01)); 1 ticket
 *   A-500  e11 ann 02-29 (leap day) 120 min × 60.00 = 120.00
 *          e12 ann 03-01 03:00Z     60 min × 80.00 =  80.00 → 180 min = 3.00 h; 200.00; 1 ticket
 *   Internal IT (no account)  e10 ann 03-20 30 min × 80.00 = 40.00 → 0.50 h; 1 ticket
 *
 * Support revenue, line by line (open and paid invoices only):
 *   A-100  l1 retainer 01-15..02-14 (31 days), 14 in range: 310.00 × 14 / 31 = 140.00
 *          l2 retainer 03-15..04-14 (31 days), 17 in range: 500.00 × 17 / 31 = 274.193… → 274.19
 *          l3 (void invoice) and l4 (draft invoice) count nothing
 *          l5 one-off issued 02-28: 225.00       → 639.19 (l6 hosting only with scope all: +50.00 = 689.19)
 *   A-200 (GBP)  l7 yearly 2023-07-01..2024-06-30 = 366 days (leap year), 60 in range,
 *                   issued 2023-06-20 at 1.20: 1000.00 × 60 × 1.20 / 366 = 196.721… → 196.72
 *                l8 credit −50.00 issued 03-10 at 1.30 = −65.00
 *                l9 10.02 × 1.25 = 12.525 → 12.53; l10 −0.02 × 1.25 = −0.025 → −0.03 (away from zero)
 *                → 196.72 − 65.00 + 12.53 − 0.03 = 144.22
 *   A-300  l11 one-off issued 03-01: 300.00 (l12's service period ended in January; l13 issued after the range)
 *   A-400  l14 retainer 02-01..02-29, all 29 days in range: 290.00 (l15 certificate: scope all, +80.00)
 *   A-500  l17 one-off 150.00 (l16 hosting: scope all, +100.00)
 *   A-600  only a void and a draft invoice: no row.
 */

const manager: User = { login: "test-manager", role: "manager", teamIds: [] };
const range = { from: "2024-02-01", to: "2024-03-31" };

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HELPDESK, billing: BILLING }, { store: true });
});
afterAll(() => sources.drop());

async function run(params: Record<string, string>) {
  const result = await runReport(clientProfitability, profitabilityParams.parse(params), { user: manager });
  answeredByWay(result);
  return result.rows;
}

// Every case twice: with every closed day stored (and the fixture's two whole months rolled up), and without.
describe.each(BOTH_WAYS)("from %s", (_, withStore) => {
  summariesOrNot(() => sources, withStore, { LOOKBACK_TZ: "UTC" }, ["UTC", "America/Chicago"], DAY_SUMMARIES);

  describe("client-profitability, scope support", () => {
    it("answers every column of every client to the cent, worst margin first", async () => {
      expect(await run({ ...range, scope: "support" })).toEqual([
        // margin 150.00 − 200.00 = −50.00; −50 / 150 × 100 = −33.33 %; 150.00 / 3 h = 50.00 per hour
        clientRow({
          account_no: "A-500",
          account: "Hours Only Co",
          customers: ["Hours Only Co"],
          hours: "3.00",
          minutes: 180,
          labor_cost: "200.00",
          revenue: "150.00",
          margin: "-50.00",
          margin_pct: "-33.33",
          revenue_per_hour: "50.00",
          tickets: 1,
        }),
        // no account: revenue 0, margin −40.00, no margin %; 0 / 0.5 h = 0.00 per hour
        clientRow({
          account_no: null,
          customer_id: 5,
          customers: ["Internal IT"],
          hours: "0.50",
          minutes: 30,
          labor_cost: "40.00",
          margin: "-40.00",
          revenue_per_hour: "0.00",
          tickets: 1,
        }),
        // 144.22 − 15.02 = 129.20; 129.20 / 144.22 × 100 = 89.585… → 89.59; 144.22 × 60 / 20 min = 432.66
        clientRow({
          account_no: "A-200",
          account: "Yearly Ltd",
          customers: ["Yearly Ltd"],
          hours: "0.33",
          minutes: 20,
          labor_cost: "15.02",
          revenue: "144.22",
          margin: "129.20",
          margin_pct: "89.59",
          revenue_per_hour: "432.66",
          tickets: 1,
        }),
        // revenue but no helpdesk customer at all
        clientRow({
          account_no: "A-400",
          account: "No Helpdesk LLC",
          revenue: "290.00",
          margin: "290.00",
          margin_pct: "100.00",
        }),
        // revenue, a customer on the account, no hours: hours 0, no revenue per hour
        clientRow({
          account_no: "A-300",
          account: "Revenue Only Inc",
          customers: ["Revenue Only Inc"],
          revenue: "300.00",
          margin: "300.00",
          margin_pct: "100.00",
        }),
        // two customers on one account; 639.19 − 235.00 = 404.19; 404.19 / 639.19 × 100 = 63.234… → 63.23;
        // 639.19 × 60 / 265 min = 144.722… → 144.72
        clientRow({
          account_no: "A-100",
          account: "Retainer Corp",
          customers: ["Retainer Corp East", "Retainer Corp West"],
          hours: "4.42",
          minutes: 265,
          labor_cost: "235.00",
          revenue: "639.19",
          margin: "404.19",
          margin_pct: "63.23",
          revenue_per_hour: "144.72",
          tickets: 3,
          missing_rates: 1,
        }),
      ]);
    });

    it("totals are exact sums of the rows' cents, ratios from the exact totals", async () => {
      const totals = totalsOf(await run({ ...range }));
      expect(totals).toEqual({
        // 150.00 + 0 + 144.22 + 290.00 + 300.00 + 639.19
        revenue: "1523.41",
        // 200.00 + 40.00 + 15.02 + 0 + 0 + 235.00
        laborCost: "490.02",
        margin: "1033.39",
        // 1033.39 / 1523.41 × 100 = 67.834… → 67.83
        marginPct: "67.83",
        // 180 + 30 + 20 + 265 = 495 min = 8.25 h; 1523.41 × 60 / 495 = 184.655… → 184.66
        hours: "8.25",
        revenuePerHour: "184.66",
        clients: 6,
        losing: 2,
        missingRates: 1,
      });
    });
  });

  describe("client-profitability, scope all", () => {
    it("adds hosting and certificate lines, which turns A-500 from a loss into a profit", async () => {
      const rows = await run({ ...range, scope: "all" });
      expect(
        rows.map((r) => [r.account_no ?? r.customers[0], r.revenue, r.margin, r.margin_pct, r.revenue_per_hour]),
      ).toEqual([
        ["Internal IT", "0.00", "-40.00", null, "0.00"],
        // 150.00 + 100.00 = 250.00; 250 − 200 = 50.00; 20.00 %; 250.00 × 60 / 180 = 83.33
        ["A-500", "250.00", "50.00", "20.00", "83.33"],
        ["A-200", "144.22", "129.20", "89.59", "432.66"],
        ["A-300", "300.00", "300.00", "100.00", null],
        // 290.00 + 80.00
        ["A-400", "370.00", "370.00", "100.00", null],
        // 639.19 + 50.00 = 689.19; 454.19 / 689.19 × 100 = 65.902… → 65.90; 689.19 × 60 / 265 = 156.042… → 156.04
        ["A-100", "689.19", "454.19", "65.90", "156.04"],
      ]);
    });
  });

  describe("client-profitability in another reporting zone", () => {
    beforeAll(() => sources.use({ LOOKBACK_TZ: "America/Chicago" }, { withStore }));
    afterAll(() => sources.use({ LOOKBACK_TZ: "UTC" }, { withStore }));

    it("takes the range and each entry's rate date in the reporting zone", async () => {
      const rows = await run({ ...range });
      const a100 = rows.find((r) => r.account_no === "A-100");
      const a500 = rows.find((r) => r.account_no === "A-500");
      // e7 (2024-04-01 00:00Z) is 2024-03-31 19:00 in Chicago: in range, dated 03-31, 60 min × 80.00 = 80.00.
      // 265 + 60 = 325 min = 5.4166… → 5.42 h; 235.00 + 80.00 = 315.00
      expect(a100).toMatchObject({ hours: "5.42", minutes: 325, labor_cost: "315.00", margin: "324.19", tickets: 3 });
      // e12 (2024-03-01 03:00Z) is 2024-02-29 21:00 in Chicago: ann's old rate, 60 min × 60.00 = 60.00.
      // 120.00 + 60.00 = 180.00
      expect(a500).toMatchObject({ hours: "3.00", labor_cost: "180.00", margin: "-30.00" });
    });
  });

  describe("client-profitability after a customer changes", () => {
    it("shows a rename and a move to another account in the next run (the kept customers are read again)", async () => {
      const clients = async () => {
        const rows = await run({ ...range });
        return { internal: rows.find((r) => r.customer_id === 5), a300: rows.find((r) => r.account_no === "A-300") };
      };
      try {
        await run({ ...range }); // the customers are kept from here on
        await sources.exec("helpdesk", "UPDATE customers SET name = 'Internal IT (moved)' WHERE id = 5");
        expect((await clients()).internal).toMatchObject({ customers: ["Internal IT (moved)"], labor_cost: "40.00" });
        // On A-300 (300.00 of revenue, no hours until now): its 30 min and 40.00 go there; 260.00, 86.67 %.
        await sources.exec("helpdesk", "UPDATE customers SET billing_account_no = 'A-300' WHERE id = 5");
        const moved = await clients();
        expect(moved.internal).toBeUndefined();
        expect(moved.a300).toMatchObject({
          customers: ["Internal IT (moved)", "Revenue Only Inc"],
          hours: "0.50",
          labor_cost: "40.00",
          margin: "260.00",
          margin_pct: "86.67",
        });
      } finally {
        await sources.exec(
          "helpdesk",
          "UPDATE customers SET name = 'Internal IT', billing_account_no = NULL WHERE id = 5",
        );
      }
      const back = await clients();
      expect(back.internal).toMatchObject({ customers: ["Internal IT"], hours: "0.50" });
      expect(back.a300).toMatchObject({ customers: ["Revenue Only Inc"], hours: "0.00", margin: "300.00" });
    });
  });

  describe("client-profitability refuses what it cannot convert", () => {
    it("names the currency when a cost rate's currency has no fx rate in force", async () => {
      // e13: bob (GBP) on 2023-01-10; GBP rates start 2023-06-01.
      await expect(run({ from: "2023-01-01", to: "2023-01-31" })).rejects.toThrow(/1 time entries are in GBP/);
    });

    it("names the currency when an invoice's currency has no fx rate in force on its issue date", async () => {
      // l20: 10.00 GBP issued 2023-05-01, before the first GBP rate.
      await expect(run({ from: "2023-05-01", to: "2023-05-31" })).rejects.toThrow(/1 invoice lines are in GBP/);
    });
  });
});
