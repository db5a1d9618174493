import { benchInstants } from "../../../bench/instants";

/** The target: 7 days hourly within 300 ms; and the longest span, daily. */
export function benchCases(endDate: string) {
  const at = benchInstants(endDate);
  return [
    { name: "7 days hourly up to the end", params: { at: at.end, span: "7", step: "hour" } },
    { name: "7 days hourly through the backlog spike", params: { at: at.spike, span: "7", step: "hour" } },
    { name: "90 days daily up to the end", params: { at: at.end, span: "90", step: "day" } },
  ];
}
