/**
 * Office hours: Monday to Friday (ISO weekdays 1–5), from 08:00 (in hours)
 * to 18:00 (after hours), in each office's local time. Written once: the
 * after-hours share (office-hours.ts, in SQL) and the tech page's heat map
 * (in the browser) both read it. No SQL here.
 */
export const OFFICE_WEEK = { lastWeekday: 5, opensHour: 8, closesHour: 18 } as const;

/** Whether an hour of a weekday (ISO: Monday 1 … Sunday 7), local time, is inside office hours. */
export function inOfficeHours(isodow: number, hour: number): boolean {
  return isodow <= OFFICE_WEEK.lastWeekday && hour >= OFFICE_WEEK.opensHour && hour < OFFICE_WEEK.closesHour;
}
