/** The proactive list as it is used: the default 30 days, and a quarter ahead. */
export function benchCases(_endDate: string) {
  return [
    { name: "next 30 days", params: {} },
    { name: "next 90 days", params: { days: "90" } },
  ];
}
