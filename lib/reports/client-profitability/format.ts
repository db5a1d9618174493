/**
 * Display formats for exact decimal strings, done on the string itself so a
 * money value never passes through a float: "-1234567.5" → "-$1,234,567.50".
 */
export function formatUsd(value: string | null): string {
  if (value === null) return "—";
  const negative = value.startsWith("-");
  return `${negative ? "−" : ""}$${group(negative ? value.slice(1) : value)}`;
}

export function formatDecimal(value: string | null, suffix = ""): string {
  if (value === null) return "—";
  const negative = value.startsWith("-");
  return `${negative ? "−" : ""}${group(negative ? value.slice(1) : value)}${suffix}`;
}

function group(unsigned: string): string {
  const [whole = "0", fraction = ""] = unsigned.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}.${fraction.padEnd(2, "0")}`;
}
