import { describe, expect, it } from "vitest";
import { daysOf } from "../../sql/billing/fx";
import { costTable } from "../../sql/helpdesk/cost-rates";
import { dayPrices } from "./day-prices";

describe("dayPrices", () => {
  it("lays out each tech's price per day, with no rate before its first and none for techs without rates", () => {
    const days = daysOf("2024-02-29", "2024-03-02");
    const fx = new Map([["GBP", ["1.25000000", undefined, "1.30000000"]]]);
    const costs = costTable(
      [
        // tech 2: 60.00 USD, then 80.00 from day 2
        { tech_id: 2, valid_from: "2023-01-01", hourly_cost: "60.00", currency: "USD" },
        { tech_id: 2, valid_from: "2024-03-01", hourly_cost: "80.00", currency: "USD" },
        // tech 4: 40.00 GBP from day 2 (GBP has no rate on day 2)
        { tech_id: 4, valid_from: "2024-03-01", hourly_cost: "40.00", currency: "GBP" },
      ],
      fx,
      days,
    );
    expect(dayPrices(costs)).toEqual({
      days: 3,
      // techs 1 and 3 have no rates: slot 0
      slots: "{0,1,0,2}",
      // 10^-10 USD per hour: 6000 cents × 10^8; 4000 × 1.30 × 10^8; -1 no rate, -2 no fx rate
      prices: "{600000000000,800000000000,800000000000,-1,-2,520000000000}",
    });
  });
});
