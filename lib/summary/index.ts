import type { Kysely } from "kysely";
import { type Days, nextMonth, type Split, splitRange } from "./months";
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
  let computedAt = new Date(8.64e15);
  for (const months of byMonth)
    for (const [month, at] of months)
      if (month >= split.months.first && month < split.months.next && at < computedAt) computedAt = at;
  return { ...split, months: split.months, computedAt };
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
  let best: { first: string; next: string } | null = null;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === nextMonth(sorted[j] as string)) j++;
    const run = { first: sorted[i] as string, next: nextMonth(sorted[j] as string) };
    if (!best || j - i + 1 > monthsIn(best)) best = run;
    i = j + 1;
  }
  if (!best) return null;
  const { first, next } = best;
  const computedAt = Math.min(
    ...sorted.filter((m) => m >= first && m < next).map((m) => months.get(m)?.getTime() ?? 0),
  );
  return { first, next, computedAt: new Date(computedAt) };
}

function monthsIn(run: { first: string; next: string }): number {
  let n = 0;
  for (let m = run.first; m < run.next; m = nextMonth(m)) n++;
  return n;
}

let warned = "";
function warnOnce(message: string) {
  if (message === warned) return;
  warned = message;
  console.warn(`summaries: ${message}; answering from the replicas`);
}

// refresh.ts (the server's and the bench's) is imported on its own: it lists the reports' summarizers,
// which import this module, so re-exporting it here would make an import cycle.
export { type Days, daysOfMonth, monthOf } from "./months";
