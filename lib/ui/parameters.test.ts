import { describe, expect, it } from "vitest";
import { shown } from "./parameters";

describe("View SQL's parameters", () => {
  it("shows short values whole and long arrays by their start and length", () => {
    expect(shown("2026-03-01")).toBe('"2026-03-01"');
    expect(shown([1, 2, 3])).toBe("[1,2,3]");
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(shown(ids)).toBe("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20, … 980 more]");
    expect(shown(ids.slice(0, 40))).toBe(JSON.stringify(ids.slice(0, 40)));
    expect(shown("x".repeat(5000))).toBe(`${"x".repeat(200)}… (5,000 characters)`);
  });
});
