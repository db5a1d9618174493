import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { checkRange, dateRange, entities, entity, parseInstant, text } from "./fields";
import { parseParams, toSearchParams } from "./parse";

const schema = z
  .object({
    ...dateRange("last-7-days"),
    queue: entities("queue", "Queues", "queues"),
    tech: entity("tech", "Tech", "one tech"),
    q: text("Search", "free text", { min: 1, max: 5 }).optional(),
  })
  .superRefine(checkRange);

describe("parseParams", () => {
  it("reads repeated keys for list parameters and treats empty values as absent", () => {
    const r = parseParams(schema, { from: "2026-01-01", to: "2026-01-31", queue: ["3", "1"], tech: "" });
    expect(r).toEqual({ ok: true, params: { from: "2026-01-01", to: "2026-01-31", queue: [3, 1], tech: undefined } });
  });

  it("names every bad parameter", () => {
    const r = parseParams(schema, { from: "2026-13-01", to: "2026-01-31", queue: "x", tech: "-4", q: "toolong" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.param).sort()).toEqual(["from", "q", "queue", "tech"]);
  });

  it("says how far `to` may go when the range is too long, in words that follow the field's label", () => {
    expect(parseParams(schema, { from: "2024-01-01", to: "2027-12-31" })).toEqual({
      ok: false,
      issues: [{ param: "to", message: "must be on or before 2027-01-02 (a range spans at most 1098 days)" }],
    });
  });

  it("refuses a single-valued key given twice", () => {
    expect(parseParams(schema, { from: ["2026-01-01", "2026-01-02"] })).toEqual({
      ok: false,
      issues: [{ param: "from", message: "is given more than once; give it once" }],
    });
  });

  it("fills defaults so the canonical URL holds concrete dates", () => {
    // The default is the last 7 days, today included: on 2026-11-18 (UTC here), the 12th to the 18th.
    vi.useFakeTimers({ now: new Date("2026-11-18T12:00:00Z"), toFake: ["Date"] });
    try {
      const r = parseParams(schema, {});
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const canonical = toSearchParams(r.params as Record<string, unknown>);
      expect([canonical.get("from"), canonical.get("to")]).toEqual(["2026-11-12", "2026-11-18"]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("parseInstant", () => {
  it("reads an offset as given and a local time in the reporting zone", () => {
    expect(parseInstant("2026-11-03T03:00:00+01:00", "UTC")?.toISOString()).toBe("2026-11-03T02:00:00.000Z");
    expect(parseInstant("2026-11-03T03:00", "America/Chicago")?.toISOString()).toBe("2026-11-03T09:00:00.000Z");
    expect(parseInstant("2026-02-30T03:00", "UTC")).toBeUndefined();
    expect(parseInstant("yesterday", "UTC")).toBeUndefined();
  });
});
