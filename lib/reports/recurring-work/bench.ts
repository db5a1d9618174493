import { addDaysTo } from "../../params/dates";

/** The target: every kind over the last year (≤ 1.5 s at scale 36); the bench runs as a manager, so with costs. */
export function benchCases(endDate: string): { name: string; params: Record<string, string> }[] {
  return [
    { name: "one year", params: { from: addDaysTo(endDate, -364), to: endDate } },
    { name: "one year, split by queue", params: { from: addDaysTo(endDate, -364), to: endDate, group: "queue" } },
  ];
}
