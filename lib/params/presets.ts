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

/**
 * A preset sent together with typed dates that say otherwise: the form's
 * script switches the select to "Custom dates" when dates are typed, so this
 * only happens without it (or from a hand-made URL). Neither may silently
 * win: the request is refused with both readings, naming the preset.
 */
export function presetConflict(
  preset: Preset,
  typed: { from?: string | string[]; to?: string | string[] },
  resolved: { from: string; to: string },
): string | undefined {
  const given = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? "")).trim();
  const from = given(typed.from);
  const to = given(typed.to);
  if ((from === "" || from === resolved.from) && (to === "" || to === resolved.to)) return undefined;
  return (
    `${PRESETS[preset]} is ${resolved.from} to ${resolved.to}, but the dates typed say ${from || "…"} to ${to || "…"}: ` +
    `choose "Custom dates" to run the typed dates, or clear them to run ${PRESETS[preset].toLowerCase()}`
  );
}
