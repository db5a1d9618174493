import { describe, expect, it } from "vitest";
import { checkSchedule, cronOf, dueSlots, nextSlot } from "./cron";

describe("subscription schedules", () => {
  it("run daily 08:00 Europe/London at 07:00Z in summer and 08:00Z in winter, across both changes", () => {
    const iso = (d: Date[]) => d.map((x) => x.toISOString());
    // The clocks go forward on 29 March 2026 and back on 25 October 2026: one day's slot on each side.
    const day = (after: string, until: string) =>
      iso(dueSlots("0 8 * * *", "Europe/London", new Date(after), new Date(until)));
    expect(day("2026-03-28T00:00Z", "2026-03-28T23:00Z")).toEqual(["2026-03-28T08:00:00.000Z"]);
    expect(day("2026-03-29T00:00Z", "2026-03-29T23:00Z")).toEqual(["2026-03-29T07:00:00.000Z"]);
    expect(day("2026-07-01T00:00Z", "2026-07-01T23:00Z")).toEqual(["2026-07-01T07:00:00.000Z"]);
    expect(day("2026-10-24T00:00Z", "2026-10-24T23:00Z")).toEqual(["2026-10-24T07:00:00.000Z"]);
    expect(day("2026-10-25T00:00Z", "2026-10-25T23:00Z")).toEqual(["2026-10-25T08:00:00.000Z"]);
    expect(day("2026-12-01T00:00Z", "2026-12-01T23:00Z")).toEqual(["2026-12-01T08:00:00.000Z"]);
  });

  it("run a list of times once each across both clock changes, a skipped time at the change", () => {
    const iso = (d: Date[]) => d.map((x) => x.toISOString());
    const day = (schedule: string, zone: string, after: string, until: string) =>
      iso(dueSlots(schedule, zone, new Date(after), new Date(until), 100));
    // London, 2025: forward at 01:00Z on 30 March (01:00-02:00 local is skipped), back at 01:00Z on 26 October
    // (01:00-02:00 local happens twice, first in BST from 00:00Z).
    expect(day("30 1,13 * * *", "Europe/London", "2025-03-29T23:00Z", "2025-03-30T22:59Z")).toEqual([
      "2025-03-30T01:00:00.000Z", // 01:30 skipped: at the change, 02:00 BST
      "2025-03-30T12:30:00.000Z",
    ]);
    expect(day("30 1,13 * * *", "Europe/London", "2025-10-25T23:00Z", "2025-10-26T23:59Z")).toEqual([
      "2025-10-26T00:30:00.000Z", // 01:30 BST, the first of the two
      "2025-10-26T13:30:00.000Z",
    ]);
    // Two skipped times run once, at the change; two repeated ones once each.
    expect(day("0,30 1 * * *", "Europe/London", "2025-03-29T23:00Z", "2025-03-30T22:59Z")).toEqual([
      "2025-03-30T01:00:00.000Z",
    ]);
    expect(day("0,30 1 * * *", "Europe/London", "2025-10-25T23:00Z", "2025-10-26T23:59Z")).toEqual([
      "2025-10-26T00:00:00.000Z",
      "2025-10-26T00:30:00.000Z",
    ]);
    // New York, 2025: back on 2 November (01:00-02:00 twice), forward on 9 March (02:00-03:00 skipped).
    expect(day("30 1,13 * * *", "America/New_York", "2025-11-02T04:00Z", "2025-11-03T04:59Z")).toEqual([
      "2025-11-02T05:30:00.000Z",
      "2025-11-02T18:30:00.000Z",
    ]);
    expect(day("30 2,14 * * *", "America/New_York", "2025-03-09T05:00Z", "2025-03-10T03:59Z")).toEqual([
      "2025-03-09T07:00:00.000Z", // 02:30 skipped: at the change, 03:00 EDT
      "2025-03-09T18:30:00.000Z",
    ]);
    // Every 30 minutes stays every 30 minutes through the repeated hour (both of its passes).
    expect(day("*/30 * * * *", "Europe/London", "2025-10-25T23:45Z", "2025-10-26T02:00Z")).toEqual([
      "2025-10-26T00:00:00.000Z",
      "2025-10-26T00:30:00.000Z",
      "2025-10-26T01:00:00.000Z",
      "2025-10-26T01:30:00.000Z",
      "2025-10-26T02:00:00.000Z",
    ]);
    expect(nextSlot("30 1,13 * * *", "Europe/London", new Date("2025-10-26T00:45Z"))?.toISOString()).toBe(
      "2025-10-26T13:30:00.000Z",
    );
  });

  it("keep at most the latest few slots of a long absence, none older than a day", () => {
    const slots = dueSlots("*/10 * * * *", "UTC", new Date("2026-01-01T00:00Z"), new Date("2026-01-05T00:00Z"));
    expect(slots.map((d) => d.toISOString())).toEqual([
      "2026-01-04T23:40:00.000Z",
      "2026-01-04T23:50:00.000Z",
      "2026-01-05T00:00:00.000Z",
    ]);
  });

  it("offer the usual choices as cron, and refuse anything but 5 fields", () => {
    expect(cronOf({ every: "day", time: "08:30" })).toBe("30 8 * * *");
    expect(cronOf({ every: "week", weekday: 1, time: "07:00" })).toBe("0 7 * * 1");
    expect(cronOf({ every: "month", time: "06:05" })).toBe("5 6 1 * *");
    expect(checkSchedule("0 8 * * 1")).toEqual({ ok: true });
    expect(checkSchedule("0 0 8 * * *").ok).toBe(false);
    expect(checkSchedule("61 8 * * *").ok).toBe(false);
  });
});
