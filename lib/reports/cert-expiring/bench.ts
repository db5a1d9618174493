/** The proactive list as it is used: the default 30 days, a quarter ahead, and what is left to renew. */
export function benchCases(_endDate: string) {
  return [
    { name: "next 30 days", params: {} },
    { name: "next 90 days", params: { days: "90" } },
    { name: "next 30 days, renewal not started", params: { renewal: "none" } },
  ];
}
