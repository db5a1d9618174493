import {
  addDays,
  endOfMonth,
  endOfQuarter,
  endOfWeek,
  format,
  parseISO,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  subMonths,
  subQuarters,
  subWeeks,
} from "date-fns";
import { today } from "./dates";

/**
 * The relative ranges people expect, resolved to concrete dates so that a
 * shared link shows the same numbers tomorrow. Weeks start on Monday.
 */
export const PRESETS = {
  today: "Today",
  yesterday: "Yesterday",
  "last-7-days": "Last 7 days",
  "last-30-days": "Last 30 days",
  "this-week": "This week",
  "last-week": "Last week",
  "this-month": "This month",
  "last-month": "Last month",
  "this-quarter": "This quarter",
  "last-quarter": "Last quarter",
  "this-year": "This year",
} as const;

export type Preset = keyof typeof PRESETS;

export function isPreset(value: string): value is Preset {
  return Object.hasOwn(PRESETS, value);
}

const day = (d: Date) => format(d, "yyyy-MM-dd");
const week = { weekStartsOn: 1 } as const;

export function resolvePreset(preset: Preset, now: Date, timeZone: string): { from: string; to: string } {
  const t = parseISO(today(now, timeZone));
  switch (preset) {
    case "today":
      return { from: day(t), to: day(t) };
    case "yesterday":
      return { from: day(addDays(t, -1)), to: day(addDays(t, -1)) };
    case "last-7-days":
      return { from: day(addDays(t, -6)), to: day(t) };
    case "last-30-days":
      return { from: day(addDays(t, -29)), to: day(t) };
    case "this-week":
      return { from: day(startOfWeek(t, week)), to: day(t) };
    case "last-week": {
      const w = subWeeks(t, 1);
      return { from: day(startOfWeek(w, week)), to: day(endOfWeek(w, week)) };
    }
    case "this-month":
      return { from: day(startOfMonth(t)), to: day(t) };
    case "last-month": {
      const m = subMonths(t, 1);
      return { from: day(startOfMonth(m)), to: day(endOfMonth(m)) };
    }
    case "this-quarter":
      return { from: day(startOfQuarter(t)), to: day(t) };
    case "last-quarter": {
      const q = subQuarters(t, 1);
      return { from: day(startOfQuarter(q)), to: day(endOfQuarter(q)) };
    }
    case "this-year":
      return { from: day(startOfYear(t)), to: day(t) };
  }
}

/**
 * The preset that gives exactly these dates today, so the Period select can
 * show "Last month" after a preset ran. Derived rather than carried in the
 * URL: the canonical URL holds only dates, so a shared link shows the same
 * numbers tomorrow, and tomorrow it honestly reads "Custom dates" once the
 * dates are no longer last month. When two presets give the same dates
 * (on a Monday, "Today" and "This week"), the first in the list is shown:
 * the same dates, the same numbers.
 */
export function presetOf(range: { from?: unknown; to?: unknown }, now: Date, timeZone: string): Preset | undefined {
  return (Object.keys(PRESETS) as Preset[]).find((p) => {
    const r = resolvePreset(p, now, timeZone);
    return r.from === range.from && r.to === range.to;
  });
}

/** The hidden form field holding what the Period select and the dates showed when the form was drawn. */
export const PERIOD_WAS = "period_was";

/** What the form sent for the period: a preset, dates, or both disagreeing. */
export type PeriodChoice = { kind: "preset" } | { kind: "dates" } | { kind: "conflict"; message: string };

/**
 * Which of a preset and typed dates sent together the person meant. They
 * agree when the dates are empty or are the preset's. Otherwise the form
 * says what it showed (`period_was`: "preset,from,to"): the one the person
 * changed wins (the select changed and the dates did not: the preset; the
 * dates changed and the select did not: the dates, as the form's script
 * would have switched it to "Custom dates"). Both changed, or no record of
 * what was shown (a hand-made URL): neither silently wins, the request is
 * refused with both readings.
 */
export function choosePeriod(
  preset: Preset,
  raw: Record<string, string | string[] | undefined>,
  resolved: { from: string; to: string },
): PeriodChoice {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? "")).trim();
  const from = one(raw.from);
  const to = one(raw.to);
  if ((from === "" || from === resolved.from) && (to === "" || to === resolved.to)) return { kind: "preset" };
  const [shownPreset, shownFrom, shownTo] = one(raw[PERIOD_WAS]).split(",");
  if (shownFrom !== undefined && shownTo !== undefined) {
    const datesChanged = from !== shownFrom || to !== shownTo;
    const presetChanged = preset !== shownPreset;
    if (presetChanged && !datesChanged) return { kind: "preset" };
    if (datesChanged && !presetChanged) return { kind: "dates" };
    if (!datesChanged && !presetChanged) return { kind: "preset" }; // the same form sent again on a later day
  }
  return {
    kind: "conflict",
    message:
      `${PRESETS[preset]} is ${resolved.from} to ${resolved.to}, but the dates typed say ${from || "…"} to ${to || "…"}: ` +
      `choose "Custom dates" to run the typed dates, or clear them to run ${PRESETS[preset].toLowerCase()}`,
  };
}
