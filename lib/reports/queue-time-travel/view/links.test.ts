import { describe, expect, it } from "vitest";
import { STEPS, stepState, viewHref } from "./links";

describe("queue view URLs", () => {
  it("write a concrete UTC instant, repeated queues, then the page's extras", () => {
    const at = new Date("2026-03-08T07:30:00Z");
    expect(viewHref("/queues", { at, queue: [3, 1] })).toBe("/queues?at=2026-03-08T07%3A30%3A00.000Z&queue=3&queue=1");
    expect(viewHref("/queues", { at: "now", queue: [], span: 14, since: new Date("2026-03-07T00:00:00Z") })).toBe(
      "/queues?at=now&span=14&since=2026-03-07T00%3A00%3A00.000Z",
    );
  });

  it("step a day as 24 hours and an hour as 3600 s, across a DST change too, keeping the compared window", () => {
    // 2026-03-08 is the US spring-forward day: a step is still 24 h of real time.
    const state = { at: new Date("2026-03-08T07:30:00Z"), queue: [2], since: new Date("2026-03-07T07:30:00Z") };
    const [dayBack, hourBack, hourOn, dayOn] = STEPS.map((s) => stepState(state, s.ms));
    expect(dayBack).toEqual({
      at: new Date("2026-03-07T07:30:00Z"),
      queue: [2],
      since: new Date("2026-03-06T07:30:00Z"),
    });
    expect(hourBack?.at).toEqual(new Date("2026-03-08T06:30:00Z"));
    expect(hourOn?.at).toEqual(new Date("2026-03-08T08:30:00Z"));
    expect(dayOn?.at).toEqual(new Date("2026-03-09T07:30:00Z"));
    expect(STEPS.map((s) => s.label)).toEqual(["−1 day", "−1 hour", "+1 hour", "+1 day"]);
  });
});
