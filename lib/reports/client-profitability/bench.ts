import { addDaysTo } from "../../params/dates";

/**
 * Benchmark cases of issue #14's targets (scale 36, server p50): every client
 * over 12 months to mid-month ≤ 800 ms, over the last 30 and 90 days ≤ 250 ms
 * each; a year of whole months and every product show how the time scales
 * with the range and the revenue scope. The split between the two databases,
 * our own and the merge is in each run's SQL log (runReport records every
 * statement with its source and duration).
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string> }[] {
  const lastYear = addDaysTo(endDate, -364);
  return [
    { name: "all clients, one year, support revenue", params: { from: lastYear, to: endDate, scope: "support" } },
    { name: "all clients, one year, all revenue", params: { from: lastYear, to: endDate, scope: "all" } },
    // The same length cut mid-month at both ends: month rollups inside, day rows at each end.
    {
      name: "all clients, 12 months to mid-month",
      params: { from: addDaysTo(lastYear, -15), to: addDaysTo(endDate, -15), scope: "support" },
    },
    { name: "all clients, last 90 days", params: { from: addDaysTo(endDate, -89), to: endDate, scope: "support" } },
    { name: "all clients, last 30 days", params: { from: addDaysTo(endDate, -29), to: endDate, scope: "support" } },
  ];
}
