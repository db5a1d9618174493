import { describe, expect, it } from "vitest";
import { median, percentile, roundMs } from "./stats";

describe("percentile (nearest rank)", () => {
  // Ten samples 1..10: p50 is the 5th (ceil(0.5 × 10) = 5), p95 the 10th (ceil(9.5) = 10),
  // p90 the 9th (ceil(9) = 9).
  const ten = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
  it("picks a measured value, not an interpolation", () => {
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 100)).toBe(10);
  });
  it("takes the lower middle for an even count and the middle for an odd one", () => {
    expect(median([4, 1, 3, 2])).toBe(2); // ceil(0.5 × 4) = 2nd of 1,2,3,4
    expect(median([30, 10, 20])).toBe(20); // ceil(1.5) = 2nd of 10,20,30
  });
  it("does not reorder its input", () => {
    const input = [3, 1, 2];
    percentile(input, 50);
    expect(input).toEqual([3, 1, 2]);
  });
  it("refuses no samples and a percentile outside (0, 100]", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("roundMs", () => {
  it("keeps a tenth of a millisecond below 10 ms and whole milliseconds above", () => {
    expect(roundMs(3.24)).toBe(3.2);
    expect(roundMs(12.5)).toBe(13);
    expect(roundMs(1234.4)).toBe(1234);
  });
});
