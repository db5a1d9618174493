/**
 * The few statistics the tables show. Percentiles use the nearest-rank
 * method (the smallest value with at least p % of the samples at or below
 * it), so every figure is a time that was really measured, never an
 * interpolation between two runs.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of no values");
  if (p <= 0 || p > 100) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds a time for the tables: 0.1 ms below 10 ms, 1 ms above. */
export function roundMs(ms: number): number {
  return ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms);
}

export const toMb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
