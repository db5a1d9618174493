import { describe, expect, it } from "vitest";
import { checkSchedule, cronOf, dueSlots } from "./cron";

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
    expect(checkSchedule("0 8 * * 1", "Europe/London")).toEqual({ ok: true });
    expect(checkSchedule("0 0 8 * * *", "UTC").ok).toBe(false);
    expect(checkSchedule("61 8 * * *", "UTC").ok).toBe(false);
  });
});
