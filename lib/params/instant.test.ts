import { describe, expect, it } from "vitest";
import { instant } from "./fields";

describe("an instant parameter", () => {
  const at = instant("At");

  it("takes now, a past instant with an offset, and a local one in the reporting zone", () => {
    const before = Date.now();
    const now = at.parse("now");
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(Date.now());
    expect(at.parse("2026-03-01T12:00:00Z")).toEqual(new Date("2026-03-01T12:00:00Z"));
    expect(at.parse("2026-03-01T12:00")).toEqual(new Date("2026-03-01T12:00:00Z")); // LOOKBACK_TZ is UTC here
  });

  it("refuses an instant later than now, saying so", () => {
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    for (const text of [inAMinute, "2199-01-01T00:00:00Z"]) {
      const result = at.safeParse(text);
      expect(result.success, text).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(["is in the future"]);
    }
  });
});
