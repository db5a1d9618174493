import { tzOffset } from "@date-fns/tz";
import { Cron } from "croner";

/**
 * Subscription schedules: a 5-field cron expression read on the
 * subscriber's wall clock, in their time zone. croner (chosen over
 * cron-parser: no dependencies) finds the wall-clock times that match, read
 * as UTC so that no clock change can bend them; each becomes an instant here,
 * as people expect a clock change to go: 08:00 Europe/London is 07:00Z in
 * summer and 08:00Z in winter; a time the spring change skips runs at the
 * change (once, however many of its times were skipped); a time the autumn
 * change repeats runs once, the first time, unless the hour is `*`, when
 * both hours run (every 10 minutes stays every 10 minutes). croner's own
 * time zones did this for one hour, not for a list (`30 1,13 * * *` ran
 * twice in the autumn and not at all in the spring).
 * Day of month and day of week together match either, as in classic cron.
 */
export type ScheduleCheck = { ok: true } | { ok: false; message: string };

function cron(schedule: string): Cron {
  return new Cron(schedule, { timezone: "UTC", paused: true, mode: "5-part", domAndDow: false });
}

export function checkSchedule(schedule: string): ScheduleCheck {
  try {
    cron(schedule);
    return { ok: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : "";
    return { ok: false, message: `is not a 5-field cron expression (minute hour day month weekday): ${detail}` };
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The scheduled instants after `after` up to and including `until`, oldest
 * first: at most the latest `max` of them, and none older than a day before
 * `until`. After a long outage a subscriber gets the latest reports, not a
 * backlog of stale ones.
 */
export function dueSlots(schedule: string, timezone: string, after: Date, until: Date, max = 3): Date[] {
  const dayBefore = new Date(until.getTime() - 86_400_000);
  const from = after > dayBefore ? after : dayBefore;
  return instantsBetween(schedule, timezone, from, until.getTime()).slice(-max);
}

/** The next instant a schedule fires after `from`, for the page (within a year and a day). */
export function nextSlot(schedule: string, timezone: string, from = new Date()): Date | null {
  return instantsBetween(schedule, timezone, from, from.getTime() + 366 * 86_400_000, 1)[0] ?? null;
}

/** The instants in (after, until], ascending, each once; the first `first` of them when given. */
function instantsBetween(schedule: string, timezone: string, after: Date, until: number, first?: number): Date[] {
  const found = new Set<number>();
  for (const instants of wallMatches(schedule, timezone, after)) {
    // A wall time's instants lie within a few hours of its first: past `until` by more, nothing later is due.
    if ((instants[0] as number) > until + 3 * HOUR) break;
    for (const t of instants) if (t > after.getTime() && t <= until) found.add(t);
    // Enough found: a repeated hour's second pass may still come first, but no later wall time can.
    if (first !== undefined && found.size >= first && (instants[0] as number) > Math.min(...found) + 3 * HOUR) break;
  }
  const sorted = [...found].sort((a, b) => a - b).map((t) => new Date(t));
  return first === undefined ? sorted : sorted.slice(0, first);
}

/** The wall-clock matches from a little before `after`'s wall time on, each as the instants it runs at. */
function* wallMatches(schedule: string, timezone: string, after: Date): Generator<number[]> {
  const c = cron(schedule);
  const everyHour = schedule.trim().split(/\s+/)[1] === "*";
  // Two hours early: a repeated hour's first pass may have wall times after `after`'s.
  let wall: Date | null = new Date(after.getTime() + tzOffset(timezone, after) * MINUTE - 2 * HOUR);
  for (;;) {
    wall = c.nextRun(wall);
    if (!wall) return;
    yield instantsOf(wall.getTime(), timezone, everyHour);
  }
}

/**
 * The instants a wall-clock time (its UTC fields) is in `timezone`: one; in
 * a repeated hour the first (both when `both`); in a skipped one, the change.
 */
function instantsOf(wall: number, timezone: string, both: boolean): number[] {
  const offsets = [...new Set([-1, 0, 1].map((d) => tzOffset(timezone, new Date(wall + d * 86_400_000))))];
  const valid = offsets
    .filter((o) => tzOffset(timezone, new Date(wall - o * MINUTE)) === o)
    .map((o) => wall - o * MINUTE)
    .sort((a, b) => a - b);
  if (valid.length > 0) return both ? valid : valid.slice(0, 1);
  // Skipped: the first second whose offset is the later one (the clocks' change).
  let lo = Math.floor((wall - Math.max(...offsets) * MINUTE) / 1000);
  let hi = Math.ceil((wall - Math.min(...offsets) * MINUTE) / 1000);
  const after = tzOffset(timezone, new Date(hi * 1000));
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tzOffset(timezone, new Date(mid * 1000)) === after) hi = mid;
    else lo = mid;
  }
  return [hi * 1000];
}

/** The usual choices, as the cron expressions the API takes. */
export type ScheduleChoice =
  | { every: "day"; time: string }
  | { every: "week"; weekday: number; time: string }
  | { every: "month"; time: string };

export function cronOf(choice: ScheduleChoice): string {
  const [h, m] = choice.time.split(":").map(Number);
  switch (choice.every) {
    case "day":
      return `${m} ${h} * * *`;
    case "week":
      return `${m} ${h} * * ${choice.weekday}`;
    case "month":
      return `${m} ${h} 1 * *`;
  }
}
