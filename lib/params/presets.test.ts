import { describe, expect, it } from "vitest";
import { rangeInstants } from "./dates";
import { choosePeriod, presetOf, resolvePreset } from "./presets";

// Wednesday 2026-11-18 at 23:30 UTC: already Thursday the 19th in Auckland, still the 18th in Chicago.
const now = new Date("2026-11-18T23:30:00Z");

describe("resolvePreset", () => {
  it.each([
    ["today", "2026-11-18", "2026-11-18"],
    ["yesterday", "2026-11-17", "2026-11-17"],
    ["last-7-days", "2026-11-12", "2026-11-18"],
    ["last-30-days", "2026-10-20", "2026-11-18"],
    ["this-week", "2026-11-16", "2026-11-18"], // weeks start on Monday the 16th
    ["last-week", "2026-11-09", "2026-11-15"],
    ["this-month", "2026-11-01", "2026-11-18"],
    ["last-month", "2026-10-01", "2026-10-31"],
    ["this-quarter", "2026-10-01", "2026-11-18"],
    ["last-quarter", "2026-07-01", "2026-09-30"],
    ["this-year", "2026-01-01", "2026-11-18"],
  ] as const)("%s in UTC is %s to %s", (preset, from, to) => {
    expect(resolvePreset(preset, now, "UTC")).toEqual({ from, to });
  });

  it("resolves 'today' in the reporting time zone, not the server's", () => {
    expect(resolvePreset("today", now, "Pacific/Auckland")).toEqual({ from: "2026-11-19", to: "2026-11-19" });
    expect(resolvePreset("today", now, "America/Chicago")).toEqual({ from: "2026-11-18", to: "2026-11-18" });
  });
});

describe("rangeInstants", () => {
  it("is [from 00:00, to + 1 day 00:00) in the zone, across a daylight-saving change", () => {
    // London leaves BST on Sunday 2026-10-25: the 24th starts at 23:00 UTC the day before, the 26th at 00:00 UTC.
    const { start, end } = rangeInstants("2026-10-24", "2026-10-25", "Europe/London");
    expect(start.toISOString()).toBe("2026-10-23T23:00:00.000Z");
    expect(end.toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(49); // 24 + 25 hours
  });
});

describe("presetOf", () => {
  it("names the preset that gives these dates today, and none for other dates", () => {
    expect(presetOf({ from: "2026-10-01", to: "2026-10-31" }, now, "UTC")).toBe("last-month");
    expect(presetOf({ from: "2026-10-20", to: "2026-11-18" }, now, "UTC")).toBe("last-30-days");
    expect(presetOf({ from: "2026-10-02", to: "2026-10-31" }, now, "UTC")).toBeUndefined();
  });
});

describe("choosePeriod", () => {
  const lastMonth = { from: "2026-10-01", to: "2026-10-31" };
  it("lets a preset run with no dates, or with its own dates", () => {
    expect(choosePeriod("last-month", {}, lastMonth)).toEqual({ kind: "preset" });
    expect(choosePeriod("last-month", { from: "", to: "" }, lastMonth)).toEqual({ kind: "preset" });
    expect(choosePeriod("last-month", lastMonth, lastMonth)).toEqual({ kind: "preset" });
  });

  it("takes whichever the person changed in the form", () => {
    // The form showed "Last 7 days" with its dates; only the select was changed: the preset.
    const shown = { period_was: "last-7-days,2026-11-12,2026-11-18" };
    expect(choosePeriod("last-month", { ...shown, from: "2026-11-12", to: "2026-11-18" }, lastMonth)).toEqual({
      kind: "preset",
    });
    // Only the dates were changed (the select still shows the old preset): the dates.
    expect(choosePeriod("last-7-days", { ...shown, from: "2026-01-01", to: "2026-11-18" }, lastMonth)).toEqual({
      kind: "dates",
    });
  });

  it("refuses a preset beside other typed dates when both changed, or nothing says what was shown", () => {
    const conflict = {
      kind: "conflict",
      message:
        'Last month is 2026-10-01 to 2026-10-31, but the dates typed say 2026-01-01 to 2026-01-31: choose "Custom dates" to run the typed dates, or clear them to run last month',
    };
    expect(choosePeriod("last-month", { from: "2026-01-01", to: "2026-01-31" }, lastMonth)).toEqual(conflict);
    expect(
      choosePeriod(
        "last-month",
        { period_was: "last-7-days,2026-11-12,2026-11-18", from: "2026-01-01", to: "2026-01-31" },
        lastMonth,
      ),
    ).toEqual(conflict);
  });
});
