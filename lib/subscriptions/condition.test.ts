import { describe, expect, it } from "vitest";
import type { Report, Row } from "../reports/types";
import { type Condition, conditionProblem, conditionSchema, evaluate } from "./condition";

/** A profitability-like result: margins are exact decimal text, as numeric arrives from pg. */
const report = {
  id: "money",
  columns: [
    { key: "at", label: "At", type: "instant" },
    { key: "account", label: "Account", type: "text" },
    { key: "margin", label: "Margin", type: "money" },
  ],
} as unknown as Report;
const rows: Row[] = [
  { at: new Date("2026-01-01T10:00Z"), account: "A", margin: "0.10" },
  { at: new Date("2026-01-01T10:00Z"), account: "B", margin: "0.20" },
  { at: new Date("2026-01-01T11:00Z"), account: "A", margin: "-0.30" },
  { at: new Date("2026-01-01T11:00Z"), account: "B", margin: null },
];
const when = (c: unknown) => conditionSchema.parse(c) as Condition;

describe("alert conditions", () => {
  it("sum exact decimals: 0.10 + 0.20 - 0.30 is 0, not 5.5e-17", () => {
    expect(evaluate(when({ column: "margin", aggregate: "sum", op: "<", value: "0" }), report, rows)).toEqual({
      met: false,
      said: "total margin 0",
    });
    expect(evaluate(when({ column: "margin", aggregate: "sum", op: ">=", value: 0 }), report, rows).met).toBe(true);
  });

  it("totals hours as the footer does: from their minutes, not from hours each rounded", () => {
    const hoursReport = {
      id: "hours",
      columns: [
        { key: "hours", label: "Hours", type: "decimal", total: { hoursOf: "minutes" } },
        { key: "minutes", label: "Minutes", type: "duration", total: "sum", hidden: true },
      ],
    } as unknown as Report;
    // 1 minute each shows 0.02 hours; the three are 3 minutes, 0.05 hours.
    const minutes = [1, 1, 1].map((m) => ({ hours: "0.02", minutes: m }));
    expect(evaluate(when({ column: "hours", aggregate: "sum", op: ">", value: "0.05" }), hoursReport, minutes)).toEqual(
      {
        met: false,
        said: "total hours 0.05",
      },
    );
  });

  it("any row, the latest rows of a series, and row counts", () => {
    expect(evaluate(when({ column: "margin", aggregate: "any", op: "<", value: "0" }), report, rows)).toEqual({
      met: true,
      said: "margin < 0 on 1 of 4 rows",
    });
    expect(evaluate(when({ column: "margin", aggregate: "latest", op: ">", value: "0.15" }), report, rows)).toEqual({
      met: false,
      said: "margin > 0.15 on 0 of 2 rows",
    });
    expect(evaluate(when({ rows: ">", value: 0 }), report, rows).met).toBe(true);
    expect(evaluate(when({ rows: ">", value: 0 }), report, []).met).toBe(false);
  });

  it("name what is wrong: a non-numeric column, a bad threshold", () => {
    expect(conditionProblem(when({ column: "account", aggregate: "any", op: "<", value: 0 }), report)).toEqual({
      param: "when.column",
      message: "must be a numeric column of money: margin",
    });
    const bad = conditionSchema.safeParse({ column: "margin", aggregate: "any", op: "<", value: "1e3" });
    expect(bad.success).toBe(false);
  });
});
