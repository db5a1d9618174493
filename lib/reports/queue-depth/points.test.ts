import { describe, expect, it } from "vitest";
import { defaultStep, depthPoints } from "./points";

describe("depth points", () => {
  it("end at T and step back from it: a day hourly is 25 points, a week 169", () => {
    const at = new Date("2026-03-01T12:34:56Z");
    const day = depthPoints(at, 1, "hour", "UTC");
    expect(day).toHaveLength(25); // 24 steps back + T
    expect(day[0]).toEqual(new Date("2026-02-28T12:34:56Z"));
    expect(day.at(-1)).toEqual(at);
    expect(depthPoints(at, 7, "hour", "UTC")).toHaveLength(7 * 24 + 1);
    expect(depthPoints(at, 30, "day", "UTC").map((d) => d.toISOString().slice(11))).toEqual(
      Array(31).fill("12:34:56.000Z"),
    );
  });

  it("step back a calendar day at the same time of day, one point a day across a clock change", () => {
    // Chicago falls back on Sunday 1 November 2026 (a 25-hour day). At 23:30 on the 3rd, three days back
    // is 23:30 on 31 October (CDT, UTC-5); 24 hours back from 23:30 on 2 November would be 00:30 on the 1st.
    const at = new Date("2026-11-04T05:30:00Z"); // 23:30 CST on the 3rd
    expect(depthPoints(at, 3, "day", "America/Chicago").map((d) => d.toISOString())).toEqual([
      "2026-11-01T04:30:00.000Z", // 31 Oct 23:30 CDT
      "2026-11-02T05:30:00.000Z", // 1 Nov 23:30 CST
      "2026-11-03T05:30:00.000Z", // 2 Nov 23:30 CST
      "2026-11-04T05:30:00.000Z", // 3 Nov 23:30 CST: at itself
    ]);
    // Hours stay hours: a 25-hour day holds 25 steps.
    expect(depthPoints(at, 3, "hour", "America/Chicago")).toHaveLength(3 * 24 + 1);
  });

  it("are hourly up to 14 days and daily beyond", () => {
    expect([1, 7, 14, 15, 90].map(defaultStep)).toEqual(["hour", "hour", "hour", "day", "day"]);
  });
});
