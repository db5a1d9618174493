import type { Step } from "../step";

/**
 * The clocks tickets are worked on. Clocks 1 and 2 are the offices' business
 * hours (Monday to Friday 08:00–18:00 local, less Christmas and New Year's
 * Day); clock 0 runs around the clock, for urgent tickets worked on call.
 * `bslot` numbers each clock's working hours, so "n working minutes later" is
 * plain arithmetic on `n * 60 + minute`, and daylight-saving changes are
 * PostgreSQL's time-zone rules. `bhour` maps any UTC hour of history to the
 * clock's next working hour.
 */
export const ON_CALL_CLOCK = 0;

export const calendarSteps: Step[] = [
  {
    name: "business calendar",
    sql: `
      CREATE TEMP TABLE bslot AS
      -- Long on-hold tickets run past the end of history; a year of slack covers what can still surface before it.
      WITH days AS (
        SELECT g::date AS day FROM generate_series(pg_temp.start_day() - 7, pg_temp.end_day() + 400, interval '1 day') g
      )
      SELECT o.id AS clock_id,
        (row_number() OVER (PARTITION BY o.id ORDER BY d.day, h.hour) - 1)::int AS n,
        (d.day + make_time(h.hour, 0, 0)) AT TIME ZONE o.timezone AS start_at
      FROM offices o
      CROSS JOIN days d
      CROSS JOIN generate_series(8, 17) h(hour)
      WHERE extract(isodow FROM d.day) < 6 AND to_char(d.day, 'MM-DD') NOT IN ('12-25', '01-01')
      UNION ALL
      SELECT ${ON_CALL_CLOCK}, (row_number() OVER (ORDER BY h) - 1)::int, h
      FROM generate_series(pg_temp.start_ts() - interval '7 days', pg_temp.end_ts() + interval '400 days', interval '1 hour') h;
      ALTER TABLE bslot ADD PRIMARY KEY (clock_id, n);
      CREATE INDEX ON bslot (clock_id, start_at);
      ANALYZE bslot;

      CREATE TEMP TABLE bhour AS
      SELECT c.clock_id, h AS hour_at, s.n, s.start_at = h AS inside
      FROM (SELECT DISTINCT clock_id FROM bslot) c
      CROSS JOIN generate_series(pg_temp.start_ts(), pg_temp.end_ts(), interval '1 hour') h
      CROSS JOIN LATERAL (
        SELECT n, start_at FROM bslot WHERE clock_id = c.clock_id AND start_at >= h ORDER BY start_at LIMIT 1
      ) s;
      ALTER TABLE bhour ADD PRIMARY KEY (clock_id, hour_at);
      ANALYZE bhour;
    `,
  },
];
