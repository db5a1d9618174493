import { Cron } from "croner";

/**
 * Subscription schedules: a 5-field cron expression read in the
 * subscriber's time zone. croner evaluates it (we chose it over cron-parser:
 * no dependencies, time zones through Intl, and it handles the DST edges as
 * people expect: 08:00 Europe/London is 07:00Z in summer and 08:00Z in
 * winter; a time that does not exist on the spring-forward day runs at the
 * first instant after the gap, one that happens twice runs once).
 * Day of month and day of week together match either, as in classic cron.
 */
export type ScheduleCheck = { ok: true } | { ok: false; message: string };

function cron(schedule: string, timezone: string): Cron {
  return new Cron(schedule, { timezone, paused: true, mode: "5-part", domAndDow: false });
}

export function checkSchedule(schedule: string, timezone: string): ScheduleCheck {
  try {
    cron(schedule, timezone);
    return { ok: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : "";
    return { ok: false, message: `is not a 5-field cron expression (minute hour day month weekday): ${detail}` };
  }
}

/**
 * The scheduled instants after `after` up to and including `until`, oldest
 * first: at most the latest `max` of them, and none older than a day before
 * `until`. After a long outage a subscriber gets the latest reports, not a
 * backlog of stale ones.
 */
export function dueSlots(schedule: string, timezone: string, after: Date, until: Date, max = 3): Date[] {
  const c = cron(schedule, timezone);
  const slots: Date[] = [];
  const dayBefore = new Date(until.getTime() - 86_400_000);
  let from = after > dayBefore ? after : dayBefore;
  for (;;) {
    const next = c.nextRun(from);
    if (!next || next > until) break;
    slots.push(next);
    if (slots.length > max) slots.shift();
    from = next;
  }
  return slots;
}

/** The next instant a schedule fires after `from`, for the page. */
export function nextSlot(schedule: string, timezone: string, from = new Date()): Date | null {
  return cron(schedule, timezone).nextRun(from);
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
