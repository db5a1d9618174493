import Decimal from "decimal.js";

/**
 * Lookback's one money representation: amounts are exact decimal strings
 * with 2 decimals in results, integer cents (bigint) while adding up, and
 * decimal.js where a ratio is taken. Precision 40
 * keeps sums of cents exact far past any real total; ROUND_HALF_UP is decimal.js's
 * "half away from zero", the same rule as PostgreSQL's round(numeric).
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A decimal string with exactly 2 decimals ("1234.50", "-3.00"), rounded half away from zero. */
export function toCents(value: Dec): string {
  const fixed = value.toFixed(2, Dec.ROUND_HALF_UP);
  return fixed === "-0.00" ? "0.00" : fixed;
}

/** Sum of exact decimal strings. */
export function sumOf(values: Iterable<string>): Dec {
  let total = new Dec(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** minutes / 60, to 2 decimals. */
export function hoursOf(minutes: number): string {
  return toCents(new Dec(minutes).div(60));
}

/** part / whole × 100 to 2 decimals, or null when whole is 0. */
export function percentOf(part: Dec, whole: Dec): string | null {
  return whole.isZero() ? null : toCents(part.div(whole).times(100));
}

/** amount per hour (amount × 60 / minutes) to 2 decimals, or null when there are no minutes. */
export function perHour(amount: Dec, minutes: number): string | null {
  return minutes === 0 ? null : toCents(amount.times(60).div(minutes));
}

/*
 * The merge handles tens of thousands of clients, and every amount reaching it
 * has exactly 2 decimals (per-entry cents, lines rounded to the cent in SQL):
 * integer cents as bigint are exact there and far cheaper than decimals.
 */

/** An exact amount with at most 2 decimals ("1234.50", "-3") as integer cents; more decimals throw. */
export function centsOf(amount: string): bigint {
  return scaled(amount, 2);
}

/** Integer cents as a 2-decimal string ("1234.50", "-3.00"; zero is "0.00"). */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** n / d rounded half away from zero (PostgreSQL's round, decimal.js's ROUND_HALF_UP); d must not be 0. */
export function divRound(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return negative ? -q : q;
}

/** An exact decimal string as an integer count of 10^-decimals ("45.03", 2 → 4503n); more decimals throw. */
export function scaled(text: string, decimals: number): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  if (fraction.length > decimals) throw new RangeError(`${text} has more than ${decimals} decimals`);
  const value = BigInt(whole + fraction.padEnd(decimals, "0"));
  return negative ? -value : value;
}
