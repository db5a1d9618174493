import { RVANCE_ID } from "../../demo/catalog";
import { addDaysTo } from "../../params/dates";

/**
 * The cases on the generated history ending `endDate`, all answered
 * from stored days (the bench builds them before timing): every tech over
 * the last year (target ≤ 1.5 s), over 12 months cut mid-month at both ends
 * (≤ 800 ms) and over the last 30 days (≤ 200 ms); one tech, the planted
 * rvance, over the last month (≤ 200 ms).
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string | string[]> }[] {
  return [
    { name: "all techs, one year", params: { from: addDaysTo(endDate, -364), to: endDate } },
    {
      name: "all techs, 12 months cut mid-month",
      params: { from: addDaysTo(endDate, -364 - 15), to: addDaysTo(endDate, -15) },
    },
    { name: "all techs, last 30 days", params: { from: addDaysTo(endDate, -29), to: endDate } },
    { name: "one tech, one month", params: { from: addDaysTo(endDate, -29), to: endDate, tech: String(RVANCE_ID) } },
  ];
}
