import { addMonths, format, parseISO } from "date-fns";
import { addDaysTo } from "../params/dates";

/** Whole days [from, to], both inclusive, 'YYYY-MM-DD'. */
export interface Days {
  from: string;
  to: string;
}

/** The first day of the month of `day`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after the one `month` starts. */
export function nextMonth(month: string): string {
  return format(addMonths(parseISO(month), 1), "yyyy-MM-dd");
}

/** A month as its days. */
export function daysOfMonth(month: string): Days {
  return { from: month, to: addDaysTo(nextMonth(month), -1) };
}

/** Every month from the one holding `first` up to the one starting `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = monthOf(first); m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/**
 * A range cut for answering from summaries: `months`, the longest run of
 * whole summarized months inside [from, to] (`first` to before `next`), and
 * the days before and after it, read from the replicas. Without such a month
 * the whole range is `head`.
 *
 * With `trim` allowed (a report that can take days away as well as add
 * them), a range starting early in a summarized month takes that whole month
 * and `trim`s its first days (from the month's first to the day before
 * `from`) instead of reading the rest of it as `head`: from the 2nd of a
 * month, one day is read from the replicas rather than 29.
 */
export interface Split {
  head: Days | null;
  months: { first: string; next: string } | null;
  tail: Days | null;
  trim: Days | null;
}

export function splitRange(range: Days, summarized: ReadonlySet<string>, { trim = false } = {}): Split {
  const split = wholeMonths(range, summarized);
  const first = monthOf(range.from);
  const second = nextMonth(first);
  // The month of `from` must be summarized, end inside the range, and be followed by the run (if any).
  if (!trim || first === range.from || !summarized.has(first) || addDaysTo(range.to, 1) < second) return split;
  if (split.months && split.months.first !== second) return split;
  const trimmed = { from: first, to: addDaysTo(range.from, -1) };
  const head = { from: range.from, to: addDaysTo(second, -1) };
  // Fewer days to read either way: the days of the month before `from`, or those from `from` on.
  if (daysIn(trimmed) >= daysIn(head)) return split;
  const next = split.months?.next ?? second;
  return {
    head: null,
    months: { first, next },
    tail: next <= range.to ? { from: next, to: range.to } : null,
    trim: trimmed,
  };
}

function daysIn(days: Days): number {
  return Math.round((Date.parse(days.to) - Date.parse(days.from)) / 86_400_000) + 1;
}

function wholeMonths(range: Days, summarized: ReadonlySet<string>): Split {
  let best: { first: string; next: string } | null = null;
  let run: { first: string; next: string } | null = null;
  const start = range.from === monthOf(range.from) ? range.from : nextMonth(monthOf(range.from));
  for (let m = start; nextMonth(m) <= addDaysTo(range.to, 1); m = nextMonth(m)) {
    if (!summarized.has(m)) {
      run = null;
      continue;
    }
    run = run ? { first: run.first, next: nextMonth(m) } : { first: m, next: nextMonth(m) };
    if (!best || monthCount(run) > monthCount(best)) best = run;
  }
  if (!best) return { head: range, months: null, tail: null, trim: null };
  return {
    head: range.from < best.first ? { from: range.from, to: addDaysTo(best.first, -1) } : null,
    months: best,
    tail: best.next <= range.to ? { from: best.next, to: range.to } : null,
    trim: null,
  };
}

function monthCount(run: { first: string; next: string }): number {
  const [y1, m1] = run.first.split("-").map(Number) as [number, number];
  const [y2, m2] = run.next.split("-").map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1);
}
