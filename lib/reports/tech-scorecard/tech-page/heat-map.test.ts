import { describe, expect, it } from "vitest";
import { AFTER_HOURS, cellShade, contrast, OFFICE, type Rgb } from "./heat-map";

const parse = (css: string) => css.match(/\d+/g)?.map(Number) as unknown as Rgb;

describe("heat map cell shades", () => {
  it("computes WCAG contrast: white on black is 21:1, on #767676 4.54:1", () => {
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast([118, 118, 118], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  // axe found white on #d4827b (2.9:1) and dark ink near 4.2:1 on mid shades: every shade must reach AA.
  it.each([
    ["office", OFFICE],
    ["after hours", AFTER_HOURS],
  ] as const)("keeps text at 4.5:1 or more on every %s shade", (_, hue) => {
    for (let step = 0; step <= 1000; step++) {
      const { background, color } = cellShade(hue, 0.15 + (0.85 * step) / 1000);
      expect(contrast(parse(background), parse(color))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("writes black on the pale red of #d4827b and white on the darkest red", () => {
    expect(cellShade(AFTER_HOURS, 0.55).color).toBe("rgb(0, 0, 0)");
    expect(cellShade(AFTER_HOURS, 1).color).toBe("rgb(255, 255, 255)");
  });
});
