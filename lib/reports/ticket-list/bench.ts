import { addDaysTo } from "../../params/dates";

/**
 * The list as techs use it: the default last week, and a month (a page of
 * rows on the server; the whole result is what the cache holds).
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string> }[] {
  return [
    { name: "last 7 days", params: { from: addDaysTo(endDate, -6), to: endDate } },
    { name: "last 30 days", params: { from: addDaysTo(endDate, -29), to: endDate } },
  ];
}
