import { benchInstants } from "../../../bench/instants";

const DAY = 86_400_000;

/** Two as-of states and a lookup of each ticket at both ends: one day, and one week across the spike. */
export function benchCases(endDate: string) {
  const at = benchInstants(endDate);
  const before = (iso: string, days: number) => new Date(Date.parse(iso) - days * DAY).toISOString();
  return [
    { name: "the last day", params: { since: before(at.end, 1), at: at.end } },
    { name: "the week of the backlog spike", params: { since: before(at.spike, 7), at: at.spike } },
  ];
}
