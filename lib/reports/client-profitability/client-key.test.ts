import { describe, expect, it } from "vitest";
import { clientHref, formatClientKey, parseClientKey } from "./client-key";
import { formatDecimal, formatUsd } from "./format";

describe("client keys", () => {
  it("reads an account number or customer-{id}, and writes them back", () => {
    expect(parseClientKey("A-10042")).toEqual({ kind: "account", accountNo: "A-10042" });
    expect(parseClientKey("customer-17")).toEqual({ kind: "customer", customerId: 17 });
    expect(parseClientKey("customer-0")).toEqual({ kind: "account", accountNo: "customer-0" });
    expect(parseClientKey("")).toBeUndefined();
    expect(formatClientKey({ kind: "customer", customerId: 17 })).toBe("customer-17");
    expect(
      clientHref({ kind: "account", accountNo: "A 1/2" }, { from: "2024-02-01", to: "2024-03-31", scope: "all" }),
    ).toBe("/clients/A%201%2F2?from=2024-02-01&to=2024-03-31&scope=all");
  });
});

describe("money display", () => {
  it("groups exact decimal strings without floats", () => {
    expect(formatUsd("1234567.50")).toBe("$1,234,567.50");
    expect(formatUsd("-50.00")).toBe("−$50.00");
    expect(formatUsd(null)).toBe("—");
    expect(formatDecimal("-33.33", " %")).toBe("−33.33 %");
    expect(formatUsd("9007199254740993.01")).toBe("$9,007,199,254,740,993.01");
  });
});
