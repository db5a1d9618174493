import { describe, expect, it } from "vitest";
import { defaultStep, depthPoints } from "./points";

describe("depth points", () => {
  it("end at T and step back from it: a day hourly is 25 points, a week 169", () => {
    const at = new Date("2026-03-01T12:34:56Z");
    const day = depthPoints(at, 1, "hour");
    expect(day).toHaveLength(25); // 24 steps back + T
    expect(day[0]).toEqual(new Date("2026-02-28T12:34:56Z"));
    expect(day.at(-1)).toEqual(at);
    expect(depthPoints(at, 7, "hour")).toHaveLength(7 * 24 + 1);
    expect(depthPoints(at, 30, "day").map((d) => d.toISOString().slice(11))).toEqual(Array(31).fill("12:34:56.000Z"));
  });

  it("are hourly up to 14 days and daily beyond", () => {
    expect([1, 7, 14, 15, 90].map(defaultStep)).toEqual(["hour", "hour", "hour", "day", "day"]);
  });
});
