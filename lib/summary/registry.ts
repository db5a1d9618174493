import { laborSummary, revenueSummary } from "../reports/client-profitability/summary";
import { RECURRING_SETTLE_DAYS, recurringDays } from "../reports/recurring-work/query";
import { SCORECARD_SETTLE_DAYS, scorecardDays } from "../reports/tech-scorecard/query";
import type { DayRow, DaySummary } from "./days";
import type { Summarizer } from "./store";

/** Every monthly summary the server keeps (refresh.ts): client profitability's, until it moves to days. */
export const SUMMARIZERS: readonly Summarizer[] = [laborSummary, revenueSummary];

/** Every day summary the server keeps (refresh.ts), with how long after its end a day may still change. */
export const DAY_SUMMARIES: readonly { summary: DaySummary<DayRow, unknown>; settleDays: number }[] = [
  { summary: scorecardDays as DaySummary<DayRow, unknown>, settleDays: SCORECARD_SETTLE_DAYS },
  { summary: recurringDays as DaySummary<DayRow, unknown>, settleDays: RECURRING_SETTLE_DAYS },
];
