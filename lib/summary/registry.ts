import { laborSummary, revenueSummary } from "../reports/client-profitability/summary";
import { scorecardSummary } from "../reports/tech-scorecard/summary";
import type { Summarizer } from "./store";

/** Every monthly summary the server keeps (refresh.ts). */
export const SUMMARIZERS: readonly Summarizer[] = [laborSummary, revenueSummary, scorecardSummary];
