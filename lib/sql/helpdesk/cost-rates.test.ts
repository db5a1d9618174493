import { describe, expect, it } from "vitest";
import { scaled } from "../../money";
import { eachDay } from "../../params/dates";
import { spreadOverDays } from "../billing/fx";
import { costTable } from "./cost-rates";

describe("scaled", () => {
  it("reads exact decimals as integers at a fixed scale", () => {
    expect(scaled("45.03", 2)).toBe(4503n);
    expect(scaled("40", 2)).toBe(4000n);
    expect(scaled("1.25000000", 8)).toBe(125000000n);
    expect(scaled("-0.5", 2)).toBe(-50n);
    expect(() => scaled("1.234", 2)).toThrow(/more than 2 decimals/);
  });
});

describe("fx rates by day", () => {
  it("gives each day the last rate on or before it, and none before the first", () => {
    const days = eachDay("2024-02-28", "2024-03-02");
    expect(days).toEqual(["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
    const fx = spreadOverDays(
      [
        { currency: "EUR", valid_on: "2024-02-29", to_usd: "1.08000000" },
        { currency: "GBP", valid_on: "2024-01-01", to_usd: "1.25000000" },
        { currency: "GBP", valid_on: "2024-03-01", to_usd: "1.30000000" },
      ],
      days,
    );
    expect(fx.get("EUR")).toEqual([undefined, "1.08000000", "1.08000000", "1.08000000"]);
    expect(fx.get("GBP")).toEqual(["1.25000000", "1.25000000", "1.30000000", "1.30000000"]);
  });
});

describe("costTable", () => {
  it("keys each rate in force by tech and first day, with each currency's rate per day", () => {
    const days = eachDay("2024-02-29", "2024-03-02");
    const fx = new Map([["GBP", ["1.25000000", "1.30000000", "1.30000000"]]]);
    const costs = costTable(
      [
        // tech 2: 50.00 USD replaced before the range (left out), 60.00 in force on day 1, 80.00 from day 2
        { tech_id: 2, valid_from: "2020-01-01", hourly_cost: "50.00", currency: "USD" },
        { tech_id: 2, valid_from: "2023-01-01", hourly_cost: "60.00", currency: "USD" },
        { tech_id: 2, valid_from: "2024-03-01", hourly_cost: "80.00", currency: "USD" },
        // tech 3: 40.00 GBP throughout
        { tech_id: 3, valid_from: "2023-01-01", hourly_cost: "40.00", currency: "GBP" },
        // tech 5: from day 3, in a currency billing has no rate for
        { tech_id: 5, valid_from: "2024-03-02", hourly_cost: "10.00", currency: "CHF" },
      ],
      fx,
      days,
    );
    expect(costs).toEqual({
      rateKeys: ["0", "200001", "200002", "300001", "500003"],
      rateCents: ["0", "6000", "8000", "4000", "1000"],
      rateCurrency: [0, 0, 0, 2, 1],
      currencies: ["CHF", "GBP"],
      days: 3,
      // CHF has no rates at all; GBP 1.25, 1.30, 1.30 in 10^-8
      fx: ["-1", "-1", "-1", "125000000", "130000000", "130000000"],
      unconvertible: ["CHF"],
    });
  });

  it("does not call a currency unconvertible for days its rate is not in force", () => {
    const days = eachDay("2024-02-29", "2024-03-01");
    // GBP has a rate only from day 2, but tech 3's GBP rate only starts on day 2 too.
    const fx = new Map([["GBP", [undefined, "1.30000000"]]]);
    const costs = costTable(
      [{ tech_id: 3, valid_from: "2024-03-01", hourly_cost: "40.00", currency: "GBP" }],
      fx,
      days,
    );
    expect(costs.unconvertible).toEqual([]);
    expect(costs.fx).toEqual(["-1", "130000000"]);
  });
});
