import "server-only";
import type { AnyDaySummary } from "../summary/days";
import type { KeptSummary } from "../summary/refresh";
import { LABOR_SETTLE_DAYS, laborDays, REVENUE_SETTLE_DAYS, revenueDays } from "./client-profitability/query";
import { RECURRING_SETTLE_DAYS, recurringDays } from "./recurring-work/query";
import { SCORECARD_SETTLE_DAYS, scorecardDays } from "./tech-scorecard/query";

/**
 * Every day summary the server keeps (lib/summary/refresh.ts, run by the
 * job engine), with how long after its end a day may still change with no
 * new row of its own. lib/summary knows no report: this list is handed to it.
 */
export const DAY_SUMMARIES: readonly KeptSummary[] = [
  { summary: scorecardDays as AnyDaySummary, settleDays: SCORECARD_SETTLE_DAYS },
  { summary: laborDays as AnyDaySummary, settleDays: LABOR_SETTLE_DAYS },
  { summary: revenueDays as AnyDaySummary, settleDays: REVENUE_SETTLE_DAYS },
  { summary: recurringDays as AnyDaySummary, settleDays: RECURRING_SETTLE_DAYS },
];
