import { describe, expect, it } from "vitest";
import { containsPattern, nameForm, normalizeQuery } from "./normalize";

describe("normalizeQuery", () => {
  it("reads a tracking number with or without C-, in any case", () => {
    expect(normalizeQuery("C-123").trackingId).toBe("123");
    expect(normalizeQuery("c-0123").trackingId).toBe("123");
    expect(normalizeQuery("123").trackingId).toBe("123");
    expect(normalizeQuery("C123").trackingId).toBeUndefined();
    expect(normalizeQuery("C-12a").trackingId).toBeUndefined();
  });

  it("refuses a tracking number beyond bigint instead of failing in SQL", () => {
    expect(normalizeQuery("9223372036854775807").trackingId).toBe("9223372036854775807");
    expect(normalizeQuery("9223372036854775808").trackingId).toBeUndefined();
    expect(normalizeQuery("C-99999999999999999999999").trackingId).toBeUndefined();
  });

  it("reads hex typed with colons, spaces and lower case; serials without leading zeros", () => {
    expect(normalizeQuery("00:ab:12 cd")).toMatchObject({ hex: "00AB12CD", serial: "AB12CD" });
    expect(normalizeQuery("www.example.com").hex).toBeUndefined();
    expect(normalizeQuery("www.example.com").serial).toBeUndefined();
    // All zeros is no serial (a serial is positive); it can still be a fingerprint's hex.
    expect(normalizeQuery("00:00")).toMatchObject({ hex: "0000", serial: undefined });
  });

  it("normalizes names: lower case, no trailing dots, punycode", () => {
    expect(nameForm("WWW.Example.COM.")).toBe("www.example.com");
    expect(nameForm("example.com..")).toBe("example.com");
    expect(nameForm("Bücher.Example")).toBe("xn--bcher-kva.example");
    expect(nameForm("*.bücher.example.")).toBe("*.xn--bcher-kva.example");
    // Full-width letters and the ideographic full stop map as browsers map them.
    expect(nameForm("Ｅｘａｍｐｌｅ。com")).toBe("example.com");
    // Not a valid domain as a whole (a space): converted label by label.
    expect(nameForm("bücher shop.example")).toBe("bücher shop.example");
  });

  it("keeps the Unicode spelling beside punycode, for names stored unconverted", () => {
    expect(normalizeQuery("Bücher.example").names).toEqual(["xn--bcher-kva.example", "bücher.example"]);
    expect(normalizeQuery("www.example.com").names).toEqual(["www.example.com"]);
  });

  it("finds the one wildcard that could cover a name", () => {
    expect(normalizeQuery("www.example.com").wildcards).toEqual(["*.example.com"]);
    expect(normalizeQuery("a.b.example.com").wildcards).toEqual(["*.b.example.com"]);
    expect(normalizeQuery("localhost").wildcards).toEqual([]);
    expect(normalizeQuery("*.example.com").wildcards).toEqual([]);
    expect(normalizeQuery(".example.com").wildcards).toEqual([]);
  });

  it("makes partial patterns only from 3 characters, with LIKE wildcards escaped", () => {
    expect(normalizeQuery("ex")).toMatchObject({ namePatterns: [], customerPattern: undefined });
    expect(normalizeQuery("exa")).toMatchObject({ namePatterns: ["%exa%"], customerPattern: "%exa%" });
    expect(normalizeQuery("50%_off")).toMatchObject({
      namePatterns: ["%50\\%\\_off%"],
      customerPattern: "%50\\%\\_off%",
    });
    expect(normalizeQuery("off\\").customerPattern).toBe("%off\\\\%");
    // Counted as typed: "ü" is one character (its punycode form, xn--tda, seven); "zü." a name of two.
    expect(normalizeQuery("ü")).toMatchObject({ names: ["xn--tda", "ü"], namePatterns: [] });
    expect(normalizeQuery("zü.").namePatterns).toEqual([]);
    expect(normalizeQuery("züri").namePatterns).toHaveLength(2);
    expect(normalizeQuery("züri").namePatterns).toContain("%züri%");
  });

  it("keeps customer names as typed (no punycode, trailing dot kept) but names normalized", () => {
    expect(normalizeQuery("Acme Inc.")).toMatchObject({ namePatterns: ["%acme inc%"], customerPattern: "%acme inc.%" });
  });

  it("searches no name part with a quote or backslash (they cannot be in a host name)", () => {
    expect(normalizeQuery('a"b.com').namePatterns).toEqual([]);
    expect(normalizeQuery('a"b.com').customerPattern).toBe('%a"b.com%');
    expect(normalizeQuery("off\\").namePatterns).toEqual([]);
  });
});

describe("containsPattern", () => {
  it("escapes %, _ and the escape character itself", () => {
    expect(containsPattern("100%")).toBe("%100\\%%");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
    expect(containsPattern("a\\b")).toBe("%a\\\\b%");
  });
});
