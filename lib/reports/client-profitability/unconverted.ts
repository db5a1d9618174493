import { SourceError } from "../../db/errors";

/** A result row that counts the items whose amount could not be converted to USD. */
export interface UnconvertedCount {
  unconverted: number;
  /** One such currency, when the query can name it. */
  unconverted_currency?: string | null;
}

/**
 * Throws when some amounts had no fx rate in force: counting them as 0 or at
 * rate 1 would show a wrong number as if it were right. A SourceError naming
 * billing (where fx_rates lives), because runReport passes those through with
 * their message; any other error would reach the page as "refused the query".
 */
export function refuseUnconverted(
  rows: UnconvertedCount[],
  what: string,
  rateDate: string,
  currencies: readonly string[] = [],
): void {
  const count = rows.reduce((n, r) => n + r.unconverted, 0);
  if (count === 0) return;
  const named = new Set(currencies);
  for (const r of rows) if (r.unconverted > 0 && r.unconverted_currency) named.add(r.unconverted_currency);
  const list = [...named].sort().join(", ");
  throw new SourceError(
    "query_failed",
    "billing",
    `${count} ${what} are in ${list}, but billing's fx_rates has no rate in force on ${rateDate}. Add the missing rates in billing, then run the report again.`,
  );
}

/** Drops the unconverted counts once they have been checked. */
export function withoutUnconverted<T extends UnconvertedCount>(row: T): Omit<T, keyof UnconvertedCount> {
  const { unconverted: _n, unconverted_currency: _c, ...rest } = row;
  return rest;
}
