import { RVANCE_ID } from "../../demo/catalog";
import { addDaysTo } from "../../params/dates";

/**
 * The two cases on the generated history ending `endDate`: every
 * tech over the last year (target ≤ 1.5 s at ~2M tickets), and one tech, the
 * planted rvance, over the last month (target ≤ 200 ms).
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string | string[]> }[] {
  return [
    { name: "all techs, one year", params: { from: addDaysTo(endDate, -364), to: endDate } },
    { name: "one tech, one month", params: { from: addDaysTo(endDate, -29), to: endDate, tech: String(RVANCE_ID) } },
  ];
}
