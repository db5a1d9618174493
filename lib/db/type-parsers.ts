import pg from "pg";
import { processWide } from "../process-wide";

/**
 * Type parsers for every Lookback connection: `numeric` stays an exact
 * decimal string (money is never a float), `int8` counts and ids become
 * numbers (refused loudly past 2^53 rather than silently rounded),
 * `date` stays the calendar day it is, never shifted by a time zone, and
 * `timestamptz` is read without a regular expression (parseTimestamptz).
 */
const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be a number`);
  return value;
}

const int8ArrayParser = pg.types.getTypeParser(INT8_ARRAY as never);
const slowTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ as never) as (text: string) => Date;

/**
 * The Date constructor as Node made it. Next.js replaces the global Date in its server with a wrapper that
 * watches for clock reads (`new Date()` with no argument) and forwards every other construction through
 * Reflect.construct: transparent, but a third of the cost of each of the millions of instants a busy
 * server parses (1.4 of 5.2 CPU-s a minute in a worker under the one-page mix). server.ts keeps the original here
 * before Next.js loads; elsewhere (tests, scripts) the global one is the original.
 */
const NativeDate = processWide<DateConstructor>("native-date", () => Date);

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const two = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/**
 * PostgreSQL's text form of a timestamptz, `2026-11-01 12:34:56.123456+00` (any offset: `-05`, `+05:30`,
 * `-00:44:30`), read by position: the same instant pg's own parser gives (the milliseconds truncated), at a
 * fraction of its cost. Anything else (infinity, BC, years before 1000 or after 9999) goes to pg's parser.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58) {
    return slowTimestamptz(text);
  }
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    // A fraction of 1 to 6 digits: its first three are the milliseconds.
    let scale = 100;
    for (at++; at < n && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57; at++) {
      ms += digit(text, at) * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  const sign = text.charCodeAt(at) === 43 ? 1 : text.charCodeAt(at) === 45 ? -1 : 0;
  const rest = n - at - 1;
  const colonsFit = (rest < 5 || text.charCodeAt(at + 3) === 58) && (rest < 8 || text.charCodeAt(at + 6) === 58);
  if (sign === 0 || (rest !== 2 && rest !== 5 && rest !== 8) || !colonsFit || digit(text, 0) === 0) {
    return slowTimestamptz(text);
  }
  const offset =
    two(text, at + 1) * 3600 + (rest >= 5 ? two(text, at + 4) * 60 : 0) + (rest === 8 ? two(text, at + 7) : 0);
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + two(text, 2);
  const utc = Date.UTC(year, two(text, 5) - 1, two(text, 8), two(text, 11), two(text, 14), two(text, 17), ms);
  const time = utc - sign * offset * 1000;
  return Number.isNaN(time) ? slowTimestamptz(text) : new NativeDate(time);
}

export const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return parseInt8;
    if (oid === INT8_ARRAY) return (text: string) => (int8ArrayParser(text) as string[]).map(parseInt8);
    if (oid === DATE) return (text: string) => text;
    if (oid === TIMESTAMPTZ) return parseTimestamptz;
    return pg.types.getTypeParser(oid as never, format);
  },
} as pg.CustomTypesConfig;
