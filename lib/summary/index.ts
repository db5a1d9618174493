import "server-only";
import type { Kysely } from "kysely";
import { log } from "../log";
import { type Days, daysOfMonth, type Split, splitRange } from "./months";
import { summarizedMonths } from "./store";

/**
 * How a report answers a range with monthly summaries (store.ts): the
 * whole months summarized by every one of `summaries` (the longest run of
 * them inside the range) and the days around them, read from the replicas;
 * `computedAt`, when the oldest of those months was computed. Null when
 * there is no database of our own, no such month, or our database does not
 * answer: the report then reads the whole range from the replicas.
 */
export interface SummaryPlan extends Split {
  months: { first: string; next: string };
  computedAt: Date;
}

export async function planRange(
  store: Kysely<unknown> | null,
  summaries: readonly string[],
  timeZone: string,
  range: Days,
  options: { trim?: boolean } = {},
): Promise<SummaryPlan | null> {
  if (!store) return null;
  let byMonth: Map<string, Date>[];
  try {
    byMonth = await Promise.all(summaries.map((s) => summarizedMonths(store, s, timeZone)));
  } catch (error) {
    // No summary computed yet in this database: nothing to say.
    if ((error as { code?: string }).code === "42P01") return null;
    warnOnce(error instanceof Error ? error.message : String(error));
    return null;
  }
  const [first, ...rest] = byMonth;
  if (!first) return null;
  const common = new Set([...first.keys()].filter((m) => rest.every((r) => r.has(m))));
  const split = splitRange(range, common, options);
  if (!split.months) return null;
  return { ...split, months: split.months, computedAt: oldestIn(byMonth, split.months) };
}

/**
 * The longest run of consecutive months a summary holds in a zone (for a
 * summary whose rows answer any range, such as revenue's lines), with when
 * the oldest of them was computed; null without one.
 */
export async function summaryRun(
  store: Kysely<unknown> | null,
  summary: string,
  timeZone: string,
): Promise<{ first: string; next: string; computedAt: Date } | null> {
  if (!store) return null;
  const months = await summarizedMonths(store, summary, timeZone).catch((error: unknown) => {
    warnOnce(error instanceof Error ? error.message : String(error));
    return new Map<string, Date>();
  });
  const sorted = [...months.keys()].sort();
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first === undefined || last === undefined) return null;
  // The longest run of whole summarized months between the first and the last there is.
  const run = splitRange({ from: first, to: daysOfMonth(last).to }, new Set(sorted)).months;
  return run && { ...run, computedAt: oldestIn([months], run) };
}

/** When the oldest of the months [first, next) was computed, in any of these summaries. */
function oldestIn(byMonth: Map<string, Date>[], run: { first: string; next: string }): Date {
  let oldest = new Date(8.64e15);
  for (const months of byMonth)
    for (const [month, at] of months) if (month >= run.first && month < run.next && at < oldest) oldest = at;
  return oldest;
}

let warned = "";
function warnOnce(message: string) {
  if (message === warned) return;
  warned = message;
  log.warn(`summaries: ${message}; answering from the replicas`);
}

// refresh.ts (the server's and the bench's) is imported on its own: it lists the reports' summarizers,
// which import this module, so re-exporting it here would make an import cycle.
export { type Days, daysOfMonth, monthOf } from "./months";
