/** How far apart the points of a depth series are. */
export type DepthStep = "hour" | "day";

const STEP_MS: Record<DepthStep, number> = { hour: 3_600_000, day: 86_400_000 };

/** Hourly points up to this many days, daily beyond: a week hourly is 169 points, 90 days daily is 91. */
export const HOURLY_UP_TO_DAYS = 14;

export function defaultStep(spanDays: number): DepthStep {
  return spanDays <= HOURLY_UP_TO_DAYS ? "hour" : "day";
}

/**
 * The instants of a depth series: `at`, and every step back from it over
 * `spanDays` days, oldest first. The last point is `at` itself, so the series
 * ends on the same numbers as the queue view at `at`. A day is 24 hours.
 */
export function depthPoints(at: Date, spanDays: number, step: DepthStep): Date[] {
  const stepMs = STEP_MS[step];
  const count = Math.round((spanDays * 86_400_000) / stepMs);
  return Array.from({ length: count + 1 }, (_, i) => new Date(at.getTime() - (count - i) * stepMs));
}
