import { benchInstants } from "./bench-instants";

/** The target: the as-of at any instant within 200 ms, flat as history grows. */
export function benchCases(endDate: string) {
  const at = benchInstants(endDate);
  return [
    { name: "as of the end of history", params: { at: at.end } },
    { name: "as of the backlog spike", params: { at: at.spike } },
    { name: "as of a year before the end", params: { at: at.yearBack } },
  ];
}
