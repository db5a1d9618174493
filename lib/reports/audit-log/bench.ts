/**
 * The audit log reads a file, not a replica: these cases measure reading it
 * back (newest first, stopping at the start of the range). The dates do not
 * depend on the generated history; the log holds whatever the benchmark ran.
 */
export function benchCases(endDate: string): { name: string; params: Record<string, string | string[]> }[] {
  return [
    { name: "the last 7 days, everything", params: { preset: "last-7-days" } },
    { name: "the last 30 days, one user", params: { preset: "last-30-days", user: "demo-manager" } },
    {
      name: "up to the end of history, refused requests only",
      params: { from: endDate, to: endDate, outcome: "forbidden" },
    },
  ];
}
