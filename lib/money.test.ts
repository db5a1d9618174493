import { describe, expect, it } from "vitest";
import { centsOf, divRound, exactSum, fromCents, hoursOf, percentOf, perHour } from "./money";

describe("integer cents", () => {
  it("read and print 2-decimal amounts exactly, zero without a sign", () => {
    expect(fromCents(123450)).toBe("1234.50");
    expect(fromCents(-7)).toBe("-0.07");
    expect(fromCents(-300)).toBe("-3.00");
    expect(fromCents(0)).toBe("0.00");
    expect(fromCents(-0)).toBe("0.00");
    expect(fromCents(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
    expect(() => fromCents(0.5)).toThrow(/whole number of cents/);
    expect(() => fromCents(2 ** 53)).toThrow(/below 2\^53/);
  });

  it("write whole minutes as hours to 2 decimals, half away from zero; other minutes throw", () => {
    expect(hoursOf(0)).toBe("0.00");
    expect(hoursOf(1)).toBe("0.02"); // 0.0166…
    expect(hoursOf(3)).toBe("0.05");
    expect(hoursOf(20)).toBe("0.33"); // 0.333…
    expect(hoursOf(90)).toBe("1.50");
    expect(hoursOf(10_000_003)).toBe("166666.72"); // 166,666.7166…
    expect(() => hoursOf(1.5)).toThrow(/whole number of minutes/);
  });

  it("add up exactly, or refuse past 2^53", () => {
    expect(exactSum(2 ** 52, 2 ** 52 - 1)).toBe(2 ** 53 - 1);
    expect(() => exactSum(2 ** 52, 2 ** 52)).toThrow(/beyond 2\^53/);
  });

  it("divide rounding half away from zero, whatever the signs", () => {
    expect(divRound(5, 2)).toBe(3); // 2.5
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(5, -2)).toBe(-3);
    expect(divRound(7, 3)).toBe(2); // 2.33
    expect(divRound(-8, 3)).toBe(-3); // -2.67
    expect(Object.is(divRound(0, -4), 0)).toBe(true);
    expect(Object.is(divRound(-1, 3), 0)).toBe(true); // -0.33 rounds to zero, not to -0
  });

  it("stay exact past 2^53 in the intermediate product, as bigints do", () => {
    // 9e15 × 10,000 / 3 is far past 2^53; the bigint answer is the reference.
    const n = 9_000_000_000_000_001;
    const expected = Number((2n * BigInt(n) * 10_000n + 3n) / 6n);
    expect(divRound(n, 3, 10_000)).toBe(expected);
    expect(divRound(-n, 3, 10_000)).toBe(-expected);
    // Just below the bound the plain path gives the bigint answer too.
    const m = 450_359_962_737;
    expect(divRound(m, 7, 10_000)).toBe(Number((2n * BigInt(m) * 10_000n + 7n) / 14n));
  });

  it("take percentages and rates per hour of whole cents and minutes, rounded once", () => {
    // margin -12.35 on revenue 37.05: -33.333…% ; revenue 100.01 over 7 minutes: 857.2285… per hour
    expect(percentOf(-1235, 3705)).toBe("-33.33");
    expect(perHour(10001, 7)).toBe("857.23");
    // a credit-only account: negative revenue, positive margin percent of a negative whole
    expect(percentOf(-500, -1000)).toBe("50.00");
    // 1 of 8: 12.5 % exactly; 1 of 3 hours' share: 33.333…; a tie rounds away from zero (0.125 → 0.13)
    expect(percentOf(1, 8)).toBe("12.50");
    expect(percentOf(1, 3)).toBe("33.33");
    expect(percentOf(1, 800)).toBe("0.13");
    expect(percentOf(-1, 800)).toBe("-0.13");
    expect(percentOf(5, 0)).toBeNull();
    expect(perHour(5, 0)).toBeNull();
  });

  it("read 2-decimal amounts as cents exactly", () => {
    expect(centsOf("1234.50")).toBe(123450);
    expect(centsOf("-0.07")).toBe(-7);
    expect(centsOf("3")).toBe(300);
    expect(centsOf("0.1")).toBe(10);
    expect(() => centsOf("1.005")).toThrow(/more than 2 decimals/);
    expect(() => centsOf("90071992547409.92")).toThrow(/beyond 2\^53/);
  });
});
