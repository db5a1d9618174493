import { describe, expect, it } from "vitest";
import { viewOf } from "../reports/table-view";
import type { Column, Row } from "../reports/types";
import { columnTotal, columnTotals, matchesFilter } from "./table-model";

// Three clients with 1, 1 and 1 minute: each shows 0.02 hours (1/60 = 0.0166…), together 3 minutes are 0.05 hours.
const rows: Row[] = [
  { client: "A", hours: "0.02", minutes: 1, cost: "0.10" },
  { client: "B", hours: "0.02", minutes: 1, cost: "0.20" },
  { client: "C", hours: "0.02", minutes: 1, cost: null },
];
const hours: Column = { key: "hours", label: "Hours", type: "decimal", total: { hoursOf: "minutes" } };
const minutes: Column = { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", total: "sum" };
const cost: Column = { key: "cost", label: "Cost", type: "money", total: "sum" };

describe("footer totals", () => {
  it("totals hours as their exact minutes / 60, rounded once: 0.05, not 0.06 from the rounded rows", () => {
    expect(columnTotal(rows, hours)).toBe("0.05");
    expect(columnTotal(rows, { ...hours, total: "sum" })).toBe("0.06");
  });

  it("sums money exactly with its cents and leaves empty cells out; medians as numbers", () => {
    expect(columnTotals(rows, [hours, minutes, cost])).toEqual({ hours: "0.05", minutes: 3, cost: "0.30" });
    expect(columnTotal(rows, { ...minutes, total: "median" })).toBe(1);
    expect(columnTotal(rows, { ...cost, total: undefined })).toBeNull();
  });
});

describe("column filters", () => {
  const created: Column = { key: "created_at", label: "Created", type: "instant" };
  const share: Column = { key: "share", label: "After hours", type: "percent", fraction: true };
  // 01:00Z on 6 January is 20:00 on the 5th in New York: the cell shows "2026-01-05 20:00 America/New_York".
  const at = new Date("2026-01-06T01:00:00Z");

  it("match an instant as the cell shows it, in the reporting zone, or as its ISO form", () => {
    expect(matchesFilter(at, "2026-01-05", created, "America/New_York")).toBe(true);
    expect(matchesFilter(at, "2026-01-05 20:00", created, "America/New_York")).toBe(true);
    expect(matchesFilter(at, "2026-01-06", created, "America/New_York")).toBe(false);
    expect(matchesFilter(at, "2026-01-06T01:00", created, "America/New_York")).toBe(true);
    expect(matchesFilter(at, "2026-01-06 01:00", created, "UTC")).toBe(true);
  });

  it("compare a share kept as a fraction with the percent it shows", () => {
    expect(matchesFilter(0.45, ">20", share, "UTC")).toBe(true);
    expect(matchesFilter(0.45, "=45", share, "UTC")).toBe(true);
    expect(matchesFilter(0.45, "40..50", share, "UTC")).toBe(true);
    expect(matchesFilter(0.45, ">0.5", share, "UTC")).toBe(true);
    expect(matchesFilter(0.45, "<45", share, "UTC")).toBe(false);
  });
});

describe("sorting a view", () => {
  it("keeps empty cells last both ways, an empty list among them", () => {
    const sans: Column = { key: "sans", label: "Alternative names", type: "text" };
    const cells: Row[] = [{ sans: [] }, { sans: ["b.example"] }, { sans: null }, { sans: ["a.example"] }];
    const order = (desc: boolean) =>
      viewOf(
        cells,
        [sans],
        { sort: { key: "sans", desc }, filters: {}, hidden: null, page: 1, pageSize: 10 },
        "UTC",
      ).rows.map((r) => r.sans);
    expect(order(false)).toEqual([["a.example"], ["b.example"], [], null]);
    expect(order(true)).toEqual([["b.example"], ["a.example"], [], null]);
  });
});
