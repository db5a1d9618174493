import { describe, expect, it } from "vitest";
import { centsOf, Dec, divRound, fromCents, percentOf, perHour } from "./money";

describe("integer cents", () => {
  it("read and print 2-decimal amounts exactly, zero without a sign", () => {
    expect(centsOf("1234.50")).toBe(123450n);
    expect(centsOf("-3")).toBe(-300n);
    expect(centsOf("0.07")).toBe(7n);
    expect(() => centsOf("1.005")).toThrow(/more than 2 decimals/);
    expect(fromCents(123450n)).toBe("1234.50");
    expect(fromCents(-7n)).toBe("-0.07");
    expect(fromCents(-300n)).toBe("-3.00");
    expect(fromCents(0n)).toBe("0.00");
  });

  it("divide rounding half away from zero, whatever the signs", () => {
    expect(divRound(5n, 2n)).toBe(3n); // 2.5
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(5n, -2n)).toBe(-3n);
    expect(divRound(7n, 3n)).toBe(2n); // 2.33
    expect(divRound(-8n, 3n)).toBe(-3n); // -2.67
    expect(divRound(0n, -4n)).toBe(0n);
  });

  it("give what the decimal helpers give for percentages and rates per hour", () => {
    // margin -12.35 on revenue 37.05: -33.333…% ; revenue 100.01 over 7 minutes: 857.2285… per hour
    expect(fromCents(divRound(-1235n * 10_000n, 3705n))).toBe(percentOf(new Dec("-12.35"), new Dec("37.05")));
    expect(fromCents(divRound(10001n * 60n, 7n))).toBe(perHour(new Dec("100.01"), 7));
    // a credit-only account: negative revenue, positive margin percent of a negative whole
    expect(fromCents(divRound(-500n * 10_000n, -1000n))).toBe(percentOf(new Dec("-5.00"), new Dec("-10.00")));
  });
});
