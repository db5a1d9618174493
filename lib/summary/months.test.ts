import { describe, expect, it } from "vitest";
import { splitRange } from "./months";

const all = new Set(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-06-01", "2026-07-01"]);

describe("splitRange", () => {
  it("reads whole months from summaries and the days around them from the replicas", () => {
    expect(splitRange({ from: "2026-01-15", to: "2026-04-10" }, all)).toEqual({
      head: { from: "2026-01-15", to: "2026-01-31" },
      months: { first: "2026-02-01", next: "2026-04-01" },
      tail: { from: "2026-04-01", to: "2026-04-10" },
      trim: null,
    });
  });

  it("takes a whole month and trims its first days when that reads fewer days", () => {
    expect(splitRange({ from: "2026-01-03", to: "2026-04-10" }, all, { trim: true })).toEqual({
      head: null,
      months: { first: "2026-01-01", next: "2026-04-01" },
      tail: { from: "2026-04-01", to: "2026-04-10" },
      trim: { from: "2026-01-01", to: "2026-01-02" },
    });
    // From the 17th of 31 days, reading the last 15 beats trimming the first 16.
    expect(splitRange({ from: "2026-01-17", to: "2026-04-10" }, all, { trim: true })).toMatchObject({
      head: { from: "2026-01-17", to: "2026-01-31" },
      trim: null,
    });
    // With no whole month in the range, the month of `from` alone.
    expect(splitRange({ from: "2026-03-03", to: "2026-04-05" }, all, { trim: true })).toEqual({
      head: null,
      months: { first: "2026-03-01", next: "2026-04-01" },
      tail: { from: "2026-04-01", to: "2026-04-05" },
      trim: { from: "2026-03-01", to: "2026-03-02" },
    });
    // The month of `from` must end inside the range…
    expect(splitRange({ from: "2026-03-03", to: "2026-03-30" }, all, { trim: true }).months).toBeNull();
    // …and be summarized itself (May is not).
    expect(splitRange({ from: "2026-05-02", to: "2026-07-31" }, all, { trim: true })).toMatchObject({
      head: { from: "2026-05-02", to: "2026-05-31" },
      trim: null,
    });
  });

  it("has no days around a range of whole months", () => {
    expect(splitRange({ from: "2026-01-01", to: "2026-03-31" }, all)).toEqual({
      head: null,
      months: { first: "2026-01-01", next: "2026-04-01" },
      tail: null,
      trim: null,
    });
  });

  it("takes the longest run of summarized months; a missing month is read from the replicas", () => {
    // May is not summarized: January to April (4 months) beats June and July (2).
    expect(splitRange({ from: "2026-01-01", to: "2026-07-31" }, all)).toEqual({
      head: null,
      months: { first: "2026-01-01", next: "2026-05-01" },
      tail: { from: "2026-05-01", to: "2026-07-31" },
      trim: null,
    });
  });

  it("reads a range without a whole summarized month from the replicas", () => {
    expect(splitRange({ from: "2026-01-02", to: "2026-01-31" }, all).months).toBeNull();
    expect(splitRange({ from: "2026-05-01", to: "2026-05-31" }, all).months).toBeNull();
    expect(splitRange({ from: "2026-03-31", to: "2026-04-29" }, all)).toEqual({
      head: { from: "2026-03-31", to: "2026-04-29" },
      months: null,
      tail: null,
      trim: null,
    });
  });
});
