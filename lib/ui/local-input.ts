/** One formatter per zone: making one costs far more than using it, and a filter formats every row. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DDTHH:mm:ss' of an instant in `timeZone`: the value of a datetime-local input before the browser takes over. */
export function localInputValue(date: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`;
}
