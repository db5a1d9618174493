import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvStream } from "./csv";

describe("csvLine", () => {
  it("quotes only what needs quoting, doubles quotes, and writes instants in UTC", () => {
    expect(
      csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 3, new Date("2026-01-01T00:00:00Z"), ["a", "b"]]),
    ).toBe('plain,"say ""hi""","a,b","two\nlines",,3,2026-01-01T00:00:00.000Z,a b\n');
  });
});

describe("formula neutralisation (OWASP CSV injection)", () => {
  it("prefixes a single quote to text a spreadsheet would run as a formula", () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
      ["+1+2", "'+1+2"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\tcmd", "'\tcmd"],
      ["\rcmd", '"\'\rcmd"'],
    ];
    for (const [text, field] of cases) expect(csvField(text)).toBe(field);
  });

  it("leaves numbers, decimal strings and harmless text as they are", () => {
    expect(csvLine([-12, "-12.50", "0.5", "a=b", "plain-text", true])).toBe("-12,-12.50,0.5,a=b,plain-text,true\n");
  });

  it("neutralises through the stream too, under a header of labels", async () => {
    const rows = [{ name: "=cmd|' /C calc'!A0", amount: "-3.00" }][Symbol.iterator]();
    const text = await new Response(csvStream(["name", "amount"], rows, ["Name", "Amount"])).text();
    expect(text).toBe("Name,Amount\n'=cmd|' /C calc'!A0,-3.00\n");
  });
});
