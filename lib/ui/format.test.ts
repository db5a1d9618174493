import { describe, expect, it } from "vitest";
import { formatCell, formatMoney } from "./format";

describe("money", () => {
  it.each([
    ["375817", "375,817.00"],
    ["450", "450.00"],
    ["450.5", "450.50"],
    ["-1234.56", "−1,234.56"],
    ["61.125", "61.125"],
    ["0", "0.00"],
  ])("%s reads %s", (value, shown) => {
    expect(formatMoney(value)).toBe(shown);
  });

  it("keeps two decimals for amounts that arrive as numbers, and names a currency other than USD", () => {
    expect(formatCell(450, { type: "money" })).toBe("450.00");
    expect(formatCell("12", { type: "money", currency: "EUR" })).toBe("12.00 EUR");
  });
});

describe("durations", () => {
  it("read a wait in days and hours, and work (time logged) in hours and minutes, never days", () => {
    const wait = { type: "duration", unit: "minutes" } as const;
    const work = { ...wait, inHours: true } as const;
    // 6,864 minutes = 4 days 18 hours 24 minutes = 114 hours 24 minutes.
    expect(formatCell(6864, wait)).toBe("4d 18h");
    expect(formatCell(6864, work)).toBe("114h 24m");
    expect(formatCell(45, work)).toBe("45m");
    // Under ten minutes a wait says its seconds; logged time is whole minutes, and none is "0m".
    expect(formatCell(4.5, wait)).toBe("4m 30s");
    expect(formatCell(0, work)).toBe("0m");
    expect(formatCell(90, { type: "duration" })).toBe("1m 30s");
  });
});
