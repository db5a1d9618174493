import { benchInstants, randomInstants } from "../../../bench/instants";

/**
 * The target: the as-of at any instant within 200 ms, flat as history
 * grows. Three named instants, and 20 random ones across the whole history
 * (the same 20 at every scale), summarized as p50 and p95 over the instants.
 */
export function benchCases(endDate: string) {
  const at = benchInstants(endDate);
  return [
    { name: "as of the end of history", params: { at: at.end } },
    { name: "as of the backlog spike", params: { at: at.spike } },
    { name: "as of a year before the end", params: { at: at.yearBack } },
    ...randomInstants(endDate, 20).map((instant, i) => ({
      name: `random instant ${String(i + 1).padStart(2, "0")}: ${instant.slice(0, 16)}`,
      params: { at: instant },
    })),
  ];
}
