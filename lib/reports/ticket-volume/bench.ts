import { addDaysTo } from "../../params/dates";

/** Tickets per day as leads look at them: the default 30 days, and a year. */
export function benchCases(endDate: string): { name: string; params: Record<string, string> }[] {
  return [
    { name: "last 30 days", params: { from: addDaysTo(endDate, -29), to: endDate } },
    { name: "one year", params: { from: addDaysTo(endDate, -364), to: endDate } },
  ];
}
