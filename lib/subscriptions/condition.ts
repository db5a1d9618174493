import Decimal from "decimal.js";
import { z } from "zod";
import type { Column, Report, Row } from "../reports/types";
import { columnSum } from "../ui/table-model";

/**
 * An alert's condition on a view's result. `{ rows: ">", value: 0 }` is "has
 * rows"; a column condition compares the column's total (`sum`), any row's
 * value (`any`), or any row at the latest instant of a time series
 * (`latest`: e.g. queue depth now, not over the whole span) with a threshold.
 * Values are compared as exact decimals (money arrives as numeric text),
 * never as floats; empty cells take no part.
 */
const OPS = [">", ">=", "<", "<="] as const;
type Op = (typeof OPS)[number];

const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), { error: "must be a number, e.g. 0 or -12.50" });

export const conditionSchema = z.union([
  z.strictObject({
    rows: z.enum(OPS, { error: `must be one of: ${OPS.join(" ")}` }),
    value: z.int({ error: "must be a whole number of rows" }).min(0),
  }),
  z.strictObject({
    column: z.string().trim().min(1).max(100),
    aggregate: z.enum(["sum", "any", "latest"], { error: "must be one of: sum, any, latest" }),
    op: z.enum(OPS, { error: `must be one of: ${OPS.join(" ")}` }),
    value: decimal,
  }),
]);

export type Condition = z.output<typeof conditionSchema>;

const NUMERIC: readonly Column["type"][] = ["integer", "decimal", "money", "duration", "percent"];

/** Why a condition cannot apply to a report (the column to name), or undefined when it can. */
export function conditionProblem(condition: Condition, report: Report): { param: string; message: string } | undefined {
  if ("rows" in condition) return undefined;
  const column = report.columns.find((c) => c.key === condition.column);
  const numeric = report.columns.filter((c) => NUMERIC.includes(c.type)).map((c) => c.key);
  if (!column || !NUMERIC.includes(column.type)) {
    return { param: "when.column", message: `must be a numeric column of ${report.id}: ${numeric.join(", ")}` };
  }
  if (condition.aggregate === "latest" && !report.columns.some((c) => c.type === "instant")) {
    return { param: "when.aggregate", message: `latest needs a report with an instant column; ${report.id} has none` };
  }
  return undefined;
}

export interface Verdict {
  met: boolean;
  /** What was compared, in plain words: "margin < 0 on 2 rows", "5 rows > 0". */
  said: string;
}

export function evaluate(condition: Condition, report: Report, rows: readonly Row[]): Verdict {
  if ("rows" in condition) {
    const met = compare(new Decimal(rows.length), condition.rows, new Decimal(condition.value));
    return { met, said: `${rows.length} ${rows.length === 1 ? "row" : "rows"} ${condition.rows} ${condition.value}` };
  }
  const threshold = new Decimal(condition.value);
  const numberIn = (row: Row): Decimal | undefined => {
    const cell = row[condition.column];
    if (cell === null || cell === undefined || cell === "") return undefined;
    return new Decimal(String(cell));
  };
  const expression = `${condition.column} ${condition.op} ${condition.value}`;
  if (condition.aggregate === "sum") {
    // The footer's total: exact, and hours from their minutes, not a sum of hours each rounded.
    const column = report.columns.find((c) => c.key === condition.column);
    const total = new Decimal(String(columnSum(rows, column ?? { key: condition.column, label: "", type: "decimal" })));
    return { met: compare(total, condition.op, threshold), said: `total ${condition.column} ${total.toFixed()}` };
  }
  const considered = condition.aggregate === "latest" ? latestRows(report, rows) : rows;
  const matching = considered.filter((row) => {
    const v = numberIn(row);
    return v !== undefined && compare(v, condition.op, threshold);
  }).length;
  return { met: matching > 0, said: `${expression} on ${matching} of ${considered.length} rows` };
}

/** The rows at the greatest value of the report's first instant column. */
function latestRows(report: Report, rows: readonly Row[]): readonly Row[] {
  const key = report.columns.find((c) => c.type === "instant")?.key;
  if (!key) return rows;
  const time = (row: Row) => {
    const v = row[key];
    return v instanceof Date ? v.getTime() : typeof v === "string" ? Date.parse(v) : Number.NaN;
  };
  const last = Math.max(...rows.map(time).filter((t) => !Number.isNaN(t)));
  return rows.filter((row) => time(row) === last);
}

function compare(a: Decimal, op: Op, b: Decimal): boolean {
  switch (op) {
    case ">":
      return a.gt(b);
    case ">=":
      return a.gte(b);
    case "<":
      return a.lt(b);
    case "<=":
      return a.lte(b);
  }
}
