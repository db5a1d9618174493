import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("csvLine", () => {
  it("quotes only what needs quoting, doubles quotes, and writes instants in UTC", () => {
    expect(
      csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 3, new Date("2026-01-01T00:00:00Z"), ["a", "b"]]),
    ).toBe('plain,"say ""hi""","a,b","two\nlines",,3,2026-01-01T00:00:00.000Z,a b\r\n');
  });
});
