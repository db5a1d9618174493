import { addDaysTo } from "../../params/dates";

/**
 * Benchmark cases for the target: one year for all clients, server
 * time p50 of 5 runs ≤ 1.5 s at 2 million time entries a year. The other
 * cases show how the time scales with the range and the revenue scope. The
 * split between the two databases and the merge is in each run's SQL log
 * (runReport records every statement with its source and duration).
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string> }[] {
  const lastYear = addDaysTo(endDate, -364);
  return [
    { name: "all clients, one year, support revenue", params: { from: lastYear, to: endDate, scope: "support" } },
    { name: "all clients, one year, all revenue", params: { from: lastYear, to: endDate, scope: "all" } },
    // Not a target: the same length cut mid-month at both ends (half a month read from the replicas at each).
    {
      name: "all clients, 12 months to mid-month",
      params: { from: addDaysTo(lastYear, -15), to: addDaysTo(endDate, -15), scope: "support" },
    },
    { name: "all clients, last 90 days", params: { from: addDaysTo(endDate, -89), to: endDate, scope: "support" } },
    { name: "all clients, last 30 days", params: { from: addDaysTo(endDate, -29), to: endDate, scope: "support" } },
  ];
}
