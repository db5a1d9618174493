import { OFFICE_SHARE, QUEUE_IDS, QUEUES } from "../catalog";
import { rnd } from "../sql";
import type { Step } from "../step";

/**
 * When tickets arrive: each office's hours are weighted by local hour of day,
 * weekday, slow growth over the two years and a holiday dip; the expected
 * count of every hour is rounded on the running total, so exactly
 * n_tickets arrive. During the spike week Email Support gets twice its usual
 * Chicago inflow again on top (`spike`). Ticket ids follow arrival order.
 */
// biome-ignore format: one weight per local hour 00..23
const HOUR_WEIGHTS = [0.05, 0.04, 0.03, 0.03, 0.04, 0.08, 0.2, 0.45, 1.0, 1.3, 1.35, 1.3, 1.0, 1.2, 1.25, 1.2, 1.1, 0.8, 0.4, 0.3, 0.25, 0.2, 0.12, 0.08];
/** ISO weekday 1 (Monday) .. 7 (Sunday). */
const WEEKDAY_WEIGHTS = [1.25, 1.1, 1.05, 1.0, 0.9, 0.25, 0.2];

const emailShareOfChicago = QUEUES.find((q) => q.id === QUEUE_IDS.emailSupport)!.share;

export const arrivalSteps: Step[] = [
  {
    name: "ticket arrivals",
    sql: `
      CREATE TEMP TABLE arrival AS
      WITH hours AS (
        SELECT o.id AS office_id, h AS hour_at, h AT TIME ZONE o.timezone AS local_at,
          (extract(epoch FROM h - pg_temp.start_ts()) / 3600)::int AS hour_no,
          extract(epoch FROM pg_temp.end_ts() - pg_temp.start_ts()) / 3600 AS hours_total
        FROM offices o
        CROSS JOIN generate_series(pg_temp.start_ts(), pg_temp.end_ts() - interval '1 hour', interval '1 hour') h
      ), weighted AS (
        SELECT office_id, hour_at, hour_no, local_at,
          (ARRAY[${OFFICE_SHARE[1]}, ${OFFICE_SHARE[2]}])[office_id]
            * (ARRAY[${HOUR_WEIGHTS.join(", ")}])[1 + extract(hour FROM local_at)::int]
            * (ARRAY[${WEEKDAY_WEIGHTS.join(", ")}])[extract(isodow FROM local_at)::int]
            * (0.85 + 0.3 * hour_no / hours_total)
            * CASE WHEN to_char(local_at, 'MM-DD') IN ('12-24', '12-25', '12-26', '12-31', '01-01') THEN 0.3 ELSE 1 END AS w
        FROM hours
      ), spiked AS (
        SELECT *,
          CASE WHEN office_id = 1 AND local_at >= pg_temp.spike_day() AND local_at < pg_temp.spike_day() + 7
            THEN 2 * ${emailShareOfChicago} * w ELSE 0 END AS extra
        FROM weighted
      ), running AS (
        SELECT *,
          sum(w) OVER (ORDER BY office_id, hour_at ROWS UNBOUNDED PRECEDING) / sum(w) OVER () AS w_upto,
          sum(extra) OVER (ORDER BY office_id, hour_at ROWS UNBOUNDED PRECEDING) / sum(w) OVER () AS extra_upto,
          coalesce(sum(w) OVER (ORDER BY office_id, hour_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
            / sum(w) OVER () AS w_before,
          coalesce(sum(extra) OVER (ORDER BY office_id, hour_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
            / sum(w) OVER () AS extra_before
        FROM spiked
      ), counted AS (
        SELECT office_id, hour_at, hour_no,
          (floor(pg_temp.n_tickets() * w_upto) - floor(pg_temp.n_tickets() * w_before))::int AS n_usual,
          (floor(pg_temp.n_tickets() * extra_upto) - floor(pg_temp.n_tickets() * extra_before))::int AS n_extra
        FROM running
      ), arrived AS (
        SELECT c.office_id, k > c.n_usual AS spike, key.key,
          c.hour_at + floor(${rnd("key.key", "arrival.second")} * 3600) * interval '1 second' AS created_at
        FROM counted c
        CROSS JOIN LATERAL generate_series(1, c.n_usual + c.n_extra) k
        CROSS JOIN LATERAL (SELECT (c.hour_no::bigint * 2 + c.office_id - 1) * 100000 + k AS key) key
      )
      SELECT row_number() OVER (ORDER BY created_at, key) AS id, office_id, created_at, spike
      FROM arrived;
      ANALYZE arrival;
    `,
  },
];
