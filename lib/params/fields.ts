import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { addDaysTo, isCalendarDate } from "./dates";
import { known } from "./known";
import { type Preset, resolvePreset } from "./presets";
import { type Entity, type ListedEntity, paramUi } from "./ui";
import { reportingZone } from "./zone";

/**
 * The parameter kinds reports share. Each is a zod schema that validates one
 * query-string value, says what it means (`describe`) and how the form shows
 * it (`paramUi`). Defaults that depend on "now" are computed when the request
 * is parsed, then echoed back so the URL always holds concrete values.
 */

const timeZone = reportingZone;

const calendarDate = () =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, { error: "must be a date written YYYY-MM-DD", abort: true })
    .refine((d) => d >= "1900-01-01" && d < "2200-01-01", { error: "must be between the years 1900 and 2199" });

/** `from` and `to`: whole days in LOOKBACK_TZ, both inclusive; default a preset range. */
export function dateRange(defaultPreset: Preset = "last-30-days") {
  return {
    from: calendarDate()
      .default(() => resolvePreset(defaultPreset, new Date(), timeZone()).from)
      .describe("First day of the range, inclusive (YYYY-MM-DD, in the reporting time zone)")
      .register(paramUi, { kind: "date", label: "From" }),
    to: calendarDate()
      .default(() => resolvePreset(defaultPreset, new Date(), timeZone()).to)
      .describe("Last day of the range, inclusive (YYYY-MM-DD, in the reporting time zone)")
      .register(paramUi, { kind: "date", label: "To" }),
  };
}

/** The longest range a report accepts: enough for multi-year views, bounded so nothing runs unbounded. */
export const MAX_RANGE_DAYS = 3 * 366;

/** Cross-field check for `dateRange`: `to` not before `from`, and a bounded span. */
export function checkRange(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (value.to < value.from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `must be on or after from (${value.from})` });
    return;
  }
  const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 + 1;
  if (days > MAX_RANGE_DAYS) {
    // Read after the field's label: "To must be on or before 2027-01-01 (a range spans at most 1098 days)".
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `must be on or before ${addDaysTo(value.from, MAX_RANGE_DAYS - 1)} (a range spans at most ${MAX_RANGE_DAYS} days)`,
    });
  }
}

/**
 * An instant: ISO 8601 with an offset (`2026-11-03T03:00:00Z`), or a local
 * date-time without one (what a datetime-local input sends), read in the
 * reporting time zone. Defaults to now. A later instant than now is refused
 * ("is in the future"): the history has nothing after now, and answering
 * with today's state would pass it off as the future's.
 */
export function instant(label = "At") {
  return z
    .string()
    .trim()
    .max(40, { error: "is too long for an instant" })
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === "" || text === "now") return new Date();
      const parsed = parseInstant(text, timeZone());
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: "must be an instant like 2026-11-03T03:00:00Z or 2026-11-03T03:00" });
        return z.NEVER;
      }
      if (parsed < EARLIEST || parsed > LATEST) {
        ctx.addIssue({ code: "custom", message: "must be between the years 1900 and 2199" });
        return z.NEVER;
      }
      if (parsed.getTime() > Date.now()) {
        ctx.addIssue({ code: "custom", message: "is in the future" });
        return z.NEVER;
      }
      return parsed;
    })
    .describe("An instant: ISO 8601 with an offset, or a local date and time in the reporting time zone; default now")
    .register(paramUi, { kind: "instant", label });
}

/** Instants outside this span are typing mistakes, and would overflow date arithmetic in SQL. */
const EARLIEST = new Date("1900-01-01T00:00:00Z");
const LATEST = new Date("2200-01-01T00:00:00Z");

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseInstant(text: string, zone: string): Date | undefined {
  if (WITH_OFFSET.test(text)) {
    const date = new Date(text.replace(" ", "T"));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const m = LOCAL.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isCalendarDate(day) || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(new TZDate(y, mo - 1, d, h, mi, s, zone).getTime());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `must be a ${what} id (a whole number)` })
    .int({ error: `must be a ${what} id (a whole number)` })
    .positive({ error: `must be a ${what} id (a whole number)` })
    .max(2_147_483_647, { error: `is not a ${what} id` });

/**
 * One tech, team, queue or customer, chosen by name from the helpdesk
 * database. An id the helpdesk does not have is a parameter error naming it
 * (checked inside the run, see ./known.ts), not a table of zeros.
 */
export function entity(entity: Entity, label: string, description: string) {
  return known(
    positiveId(entity).optional().describe(description).register(paramUi, { kind: "entity", entity, label }),
    entity,
  );
}

/** Several queues (or techs, or teams): the key may repeat in the URL. Each must exist, as for `entity`. */
export function entities(entity: ListedEntity, label: string, description: string) {
  return known(
    z
      .array(positiveId(entity))
      .max(200, { error: `at most 200 ${entity}s` })
      .default([])
      .describe(description)
      .register(paramUi, { kind: "entity", entity, label, multiple: true }),
    entity,
  );
}

/** Free text, trimmed, with bounded length. */
export function text(
  label: string,
  description: string,
  options: { min?: number; max: number; placeholder?: string; autoFocus?: boolean },
) {
  const min = options.min ?? 0;
  return z
    .string({ error: "is required" })
    .trim()
    .min(min, { error: min === 1 ? "is required" : `must be at least ${min} characters` })
    .max(options.max, { error: `must be at most ${options.max} characters` })
    .describe(description)
    .register(paramUi, {
      kind: "text",
      label,
      placeholder: options.placeholder,
      autoFocus: options.autoFocus,
      maxLength: options.max,
    });
}

/** One of a fixed set of values. */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  label: string,
  description: string,
  labels: Partial<Record<T[number], string>> = {},
) {
  return z
    .enum(values, { error: `must be one of: ${values.join(", ")}` })
    .describe(description)
    .register(paramUi, {
      kind: "choice",
      label,
      options: values.map((value) => ({ value, label: labels[value as T[number]] ?? value })),
    });
}
