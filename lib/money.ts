import Decimal from "decimal.js";

/**
 * Lookback's one money representation: amounts are exact decimal strings
 * with 2 decimals in results, integer cents while adding up and where a
 * ratio is taken (percentOf, perHour), and decimal.js for amounts of more
 * decimals. Precision 40 keeps those exact far past any real total;
 * ROUND_HALF_UP is decimal.js's "half away from zero", the same rule as
 * PostgreSQL's round(numeric) and divRound.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A decimal string with exactly 2 decimals ("1234.50", "-3.00"), rounded half away from zero. */
export function toCents(value: Dec): string {
  const fixed = value.toFixed(2, Dec.ROUND_HALF_UP);
  return fixed === "-0.00" ? "0.00" : fixed;
}

/**
 * Whole minutes as hours, minutes / 60 to 2 decimals (half away from zero): Lookback's one rule for
 * hours, in integers (the merge writes 10k rows' hours). Minutes that are not whole throw.
 */
export function hoursOf(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`${minutes} is not a whole number of minutes`);
  return fromCents(divRound(minutes, 60, 100));
}

/**
 * part / whole × 100 to 2 decimals, or null when whole is 0: of whole numbers (cents, minutes), in
 * integers, so a row's margin % and the page's total are one rule however many rows there are.
 */
export function percentOf(part: number, whole: number): string | null {
  return whole === 0 ? null : fromCents(divRound(part, whole, 10_000));
}

/** cents per hour (cents × 60 / minutes) as an amount to 2 decimals, or null when there are no minutes. */
export function perHour(cents: number, minutes: number): string | null {
  return minutes === 0 ? null : fromCents(divRound(cents, minutes, 60));
}

/** A 2-decimal amount ("1234.50") as integer cents, exactly; beyond 2^53 cents throws. */
export function centsOf(amount: string): number {
  const cents = Number(scaled(amount, 2));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${amount} is beyond 2^53 cents and cannot be exact`);
  return cents;
}

/*
 * The merge handles tens of thousands of clients, and every amount reaching it
 * is a whole number of cents (per-entry cents, lines rounded to the cent in
 * SQL, summed there as int8, which arrives as a number checked to be below
 * 2^53: lib/db/type-parsers.ts). Integer cents as plain numbers are exact
 * there while they stay safe integers (checked), and far cheaper than
 * bigints or decimals: the merge of 12k clients at scale 10 went from about 75 ms to 35 ms.
 */

/** A sum of safe integers, refused loudly (as the int8 parser does) when it leaves the exact range. */
export function exactSum(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${a} + ${b} is beyond 2^53 and cannot be exact`);
  return sum;
}

/** Integer cents as a 2-decimal string ("1234.50", "-3.00"; zero is "0.00"). */
export function fromCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents below 2^53`);
  // Whole units and the two digits of cents as numbers: one string built, not three (10k rows × 6 amounts a page).
  const abs = Math.abs(cents);
  const fraction = abs % 100;
  return `${cents < 0 ? "-" : ""}${(abs - fraction) / 100}${fraction < 10 ? ".0" : "."}${fraction}`;
}

/**
 * n × times / d rounded half away from zero (PostgreSQL's round, decimal.js's
 * ROUND_HALF_UP), exactly, for safe integers (d not 0): in plain numbers
 * while every intermediate is a safe integer, in bigints past that.
 */
export function divRound(n: number, d: number, times = 1): number {
  const negative = n < 0 !== d < 0;
  const a = Math.abs(n) * times;
  const b = Math.abs(d);
  const twice = 2 * a + b;
  let q: number;
  if (Number.isSafeInteger(twice) && Number.isSafeInteger(2 * b)) q = (twice - (twice % (2 * b))) / (2 * b);
  else q = Number((2n * BigInt(Math.abs(n)) * BigInt(times) + BigInt(b)) / (2n * BigInt(b)));
  return negative && q !== 0 ? -q : q;
}

/** An exact decimal string as an integer count of 10^-decimals ("45.03", 2 → 4503n); more decimals throw. */
export function scaled(text: string, decimals: number): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  if (fraction.length > decimals) throw new RangeError(`${text} has more than ${decimals} decimals`);
  const value = BigInt(whole + fraction.padEnd(decimals, "0"));
  return negative ? -value : value;
}
