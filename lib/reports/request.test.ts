import { describe, expect, it } from "vitest";
import { checkSize, LIMITS, prepare } from "./request";

/** The bounds every request meets before any schema parses it (the fuzz test throws worse at the whole path). */
describe("checkSize", () => {
  it("accepts an ordinary request", () => {
    expect(checkSize({ from: "2026-01-01", to: "2026-01-31", queue: ["1", "2", "3"], q: "www.example.com" })).toEqual(
      [],
    );
  });

  it("names a value that is too long, or holds control characters, or is not valid text", () => {
    expect(checkSize({ q: "x".repeat(LIMITS.valueChars + 1) })).toEqual([
      { param: "q", message: "is too long: at most 2000 characters" },
    ]);
    expect(checkSize({ q: "a\u0000b" })).toEqual([
      { param: "q", message: "must be plain text (no control characters)" },
    ]);
    expect(checkSize({ queue: ["1", "\u001b[31m"] })).toEqual([
      { param: "queue", message: "must be plain text (no control characters)" },
    ]);
    expect(checkSize({ q: "\ud800" })).toEqual([{ param: "q", message: "must be plain text (no control characters)" }]);
    // Tabs and line breaks are text (a pasted search): the schema trims or refuses them as it sees fit.
    expect(checkSize({ q: "a\tb\r\nc" })).toEqual([]);
  });

  it("bounds the number of keys, of values and the total length", () => {
    const keys = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "1"]));
    expect(checkSize(keys)).toEqual([{ param: "query", message: "has 101 parameters; at most 100 are accepted" }]);
    expect(checkSize({ queue: Array.from({ length: 501 }, () => "1") })).toEqual([
      { param: "query", message: "has 501 values; at most 500 are accepted" },
    ]);
    // 5 values of 1,999 characters: each allowed, together 5 × (1,999 + 2) + 1 = 10,006 > 8,192.
    expect(checkSize({ q: Array.from({ length: 5 }, () => "x".repeat(1_999)) })).toEqual([
      { param: "query", message: "is too long: at most 8192 characters in all" },
    ]);
  });
});

describe("prepare", () => {
  it("names an unknown period as asked, with the periods there are", () => {
    const manager = { login: "m", role: "manager", teamIds: [] } as const;
    expect(prepare("ticket-volume", { preset: "last-90-days" }, { ...manager, teamIds: [] })).toMatchObject({
      kind: "invalid",
      issues: [
        {
          param: "preset",
          message:
            '"last-90-days" is not a known period; one of: today, yesterday, last-7-days, last-30-days, this-week, ' +
            "last-week, this-month, last-month, this-quarter, last-quarter, this-year, or dates",
        },
      ],
    });
  });
});
