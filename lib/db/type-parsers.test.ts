import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { withClient } from "./setup";
import { parseTimestamptz } from "./type-parsers";

const pgParser = pg.types.getTypeParser(1184 as never) as (text: string) => Date | number | null;

/*
 * The instants PostgreSQL itself writes, in zones whose offsets have hours only (UTC, Chicago: -05/-06),
 * half hours (Kolkata: +05:30) and seconds (Monrovia before 1972: -00:44:30), with 0 to 6 digits of
 * fraction: each read by position must be the instant PostgreSQL says, to the millisecond (truncated, as
 * pg's own parser does), and a Date.
 */
describe("parseTimestamptz", () => {
  it.each(["UTC", "America/Chicago", "Asia/Kolkata", "Africa/Monrovia"])(
    "reads PostgreSQL's text form of an instant in %s",
    async (zone) => {
      const rows = await withClient(inject("serverUrl"), async (c) => {
        await c.query(`SET TimeZone = '${zone}'`);
        const { rows } = await c.query<{ text: string; ms: string }>(`
          SELECT ts::text AS text, floor(extract(epoch FROM ts) * 1000)::int8::text AS ms
          FROM (SELECT '1930-06-01 10:00:00+00'::timestamptz + n * interval '7 days 3 hours 17 minutes 31 seconds'
                       + (ARRAY[0, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625])[n % 7 + 1] * interval '1 second'
                       + (n % 5) * interval '0.1 second' AS ts
                FROM generate_series(0, 5000) n) x`);
        return rows;
      });
      const fractions = new Set(rows.map((r) => r.text.match(/\.(\d+)/)?.[1]?.length ?? 0));
      expect([...fractions].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const row of rows) {
        const date = parseTimestamptz(row.text);
        expect(date, row.text).toBeInstanceOf(Date);
        expect(date.getTime(), row.text).toBe(Number(row.ms));
      }
      if (zone === "Africa/Monrovia") expect(rows.some((r) => /-00:44:30$/.test(r.text))).toBe(true);
      if (zone === "Asia/Kolkata") expect(rows.some((r) => /\+05:30$/.test(r.text))).toBe(true);
    },
  );

  it("leaves what it does not read by position to pg's parser", () => {
    for (const text of [
      "infinity",
      "-infinity",
      "0044-03-15 12:00:00+00 BC",
      "0099-12-31 23:59:59.5+00",
      "12026-01-01 00:00:00+00",
    ]) {
      expect(parseTimestamptz(text), text).toEqual(pgParser(text));
    }
  });
});
