import pg from "pg";

/**
 * Type parsers for every Lookback connection: `numeric` stays an exact
 * decimal string (money is never a float), `int8` counts and ids become
 * numbers (refused loudly past 2^53 rather than silently rounded), and
 * `date` stays the calendar day it is, never shifted by a time zone.
 */
const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be a number`);
  return value;
}

const int8ArrayParser = pg.types.getTypeParser(INT8_ARRAY as never);

export const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return parseInt8;
    if (oid === INT8_ARRAY) return (text: string) => (int8ArrayParser(text) as string[]).map(parseInt8);
    if (oid === DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid as never, format);
  },
} as pg.CustomTypesConfig;
