import { TZDate } from "@date-fns/tz";
import { subDays } from "date-fns";

/** How far apart the points of a depth series are. */
export type DepthStep = "hour" | "day";

const HOUR_MS = 3_600_000;

/** Hourly points up to this many days, daily beyond: a week hourly is 169 points, 90 days daily is 91. */
export const HOURLY_UP_TO_DAYS = 14;

export function defaultStep(spanDays: number): DepthStep {
  return spanDays <= HOURLY_UP_TO_DAYS ? "hour" : "day";
}

/**
 * The instants of a depth series: `at`, and every step back from it over
 * `spanDays` days, oldest first. The last point is `at` itself, so the series
 * ends on the same numbers as the queue view at `at`. An hour is 60 minutes; a
 * day is the same time of day on the calendar day before, in `timeZone`, so
 * daily points keep one per day across a clock change (24 hours back from
 * 23:30 the day after a fall-back is 00:30 of that same day).
 */
export function depthPoints(at: Date, spanDays: number, step: DepthStep, timeZone: string): Date[] {
  if (step === "day") {
    const local = new TZDate(at.getTime(), timeZone);
    return Array.from({ length: spanDays + 1 }, (_, i) =>
      i === spanDays ? at : new Date(subDays(local, spanDays - i).getTime()),
    );
  }
  const count = spanDays * 24;
  return Array.from({ length: count + 1 }, (_, i) => new Date(at.getTime() - (count - i) * HOUR_MS));
}
