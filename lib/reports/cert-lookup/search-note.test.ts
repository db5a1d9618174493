import { describe, expect, it } from "vitest";
import { searchNote } from "./search-note";

describe("the line above the certificate results", () => {
  it("says why nothing matched: the 3-character rule only for a query that short", () => {
    expect(searchNote("ab", [])).toBe("No certificate matches. Partial matches need at least 3 characters.");
    expect(searchNote("no-such-host.example.org", [])).toBe("No certificate matches.");
  });

  it("counts the rows by how they matched", () => {
    expect(searchNote("example", ["name", "partial", "partial"])).toBe("By match: 1 name, 2 partial.");
  });

  it("names an internationalized name in Unicode and in punycode, whichever was typed", () => {
    const both = "bücher.example is xn--bcher-kva.example in punycode; both were searched as that.";
    expect(searchNote("Bücher.example", ["name"])).toBe(`${both} By match: 1 name.`);
    expect(searchNote("xn--bcher-kva.example", [])).toBe(`${both} No certificate matches.`);
  });
});
