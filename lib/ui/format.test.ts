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
