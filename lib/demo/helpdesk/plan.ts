import { rnd } from "../sql";
import type { Step } from "../step";
import { ON_CALL_CLOCK } from "./calendar";

/**
 * `plan`: who handles each ticket and when. Techs come from the roster of
 * the queue's team for the ticket's week; every milestone is a working
 * minute of the ticket's clock (calendar.ts), which acts.ts turns into an
 * instant. Milestones are closed-form sums of random delays chosen so each
 * comes strictly after the one before, which keeps the script's order and the
 * time order the same without a window over every step.
 */
/** A seat of the team's roster for the ticket's week, drawn uniformly: a join, so no array is read per row. */
const seat = (alias: string, team: "team0" | "team1", salt: string) =>
  `JOIN roster ${alias} ON ${alias}.team_id = t.${team} AND ${alias}.wk = t.wk
     AND ${alias}.seat = floor(${rnd("t.id", salt)} * t.seats_in_${team})::int`;

export const planSteps: Step[] = [
  {
    name: "ticket schedules",
    sql: `
      CREATE TEMP TABLE plan AS
      WITH sized AS (
        SELECT t.*, z0.seats AS seats_in_team0, z1.seats AS seats_in_team1,
          -- Urgent tickets are worked on call, around the clock; the rest in the office's business hours.
          CASE WHEN t.priority0 = 1 THEN ${ON_CALL_CLOCK} ELSE t.office_id END AS clock_id
        FROM ticket_base t
        JOIN roster_size z0 ON z0.team_id = t.team0 AND z0.wk = t.wk
        JOIN roster_size z1 ON z1.team_id = t.team1 AND z1.wk = t.wk
      ), staffed AS (
        SELECT t.*,
          CASE WHEN NOT t.assigned_at_once THEN NULL WHEN t.senior_handles THEN t.senior ELSE r_a0.tech_id END AS a0,
          r_d.tech_id AS dispatcher_pick, r_a.tech_id AS a_pick, r_b.tech_id AS b_pick
        FROM sized t
        ${seat("r_a0", "team0", "tech.a0")}
        ${seat("r_d", "team0", "tech.dispatcher")}
        ${seat("r_a", "team1", "tech.a")}
        ${seat("r_b", "team1", "tech.b")}
      ), delays AS MATERIALIZED ( -- computed once: the stages below use its columns many times
        SELECT t.*,
          coalesce(t.a0, t.dispatcher_pick) AS d,
          CASE WHEN t.a0 IS NOT NULL AND NOT t.moved THEN t.a0
               WHEN t.senior_handles THEN t.senior ELSE t.a_pick END AS a,
          -- First response, in business minutes: faster for urgent tickets and alerts, six times slower in the spike.
          greatest(10, floor(
            (ARRAY[10 + 40 * ${rnd("t.id", "delay.f")}, 15 + 240 * power(${rnd("t.id", "delay.f")}, 2),
                   30 + 600 * power(${rnd("t.id", "delay.f")}, 2), 60 + 1500 * power(${rnd("t.id", "delay.f")}, 2)])[t.priority0]
            * CASE WHEN t.channel = 'monitoring' THEN 0.5 ELSE 1 END
            * CASE WHEN t.in_spike THEN 6 ELSE 1 END))::int AS f,
          -- Length of one reply round (tech answers, customer answers), in business minutes.
          floor(
            (ARRAY[120 + 240 * ${rnd("t.id", "delay.p")}, 240 + 600 * ${rnd("t.id", "delay.p")},
                   400 + 1200 * ${rnd("t.id", "delay.p")}, 600 + 2000 * ${rnd("t.id", "delay.p")}])[t.priority0]
            * CASE WHEN t.in_spike THEN 2 ELSE 1 END)::int AS p,
          1200 + floor(7800 * ${rnd("t.id", "hold.length")})::int AS hold_length,
          300 + floor(2100 * ${rnd("t.id", "reopen.after")})::int AS reopen_after,
          CASE WHEN b.inside THEN b.n * 60 + extract(minute FROM t.created_at)::int ELSE b.n * 60 END AS bm0
        FROM staffed t
        JOIN bhour b ON b.clock_id = t.clock_id AND b.hour_at = date_trunc('hour', t.created_at)
      ), milestones AS (
        SELECT t.*,
          CASE WHEN t.reassign AND t.b_pick <> t.a THEN t.b_pick END AS b,
          CASE WHEN t.moved THEN t.bm0 + t.f * 2 / 5 END AS dispatch_bm,
          t.bm0 + t.f AS triage_bm,
          t.bm0 + t.f + 10 AS rounds_bm,
          CASE WHEN t.hold THEN t.bm0 + t.f + 10 + t.n_rounds * t.p + floor(0.2 * t.p * ${rnd("t.id", "hold.at")})::int END AS hold_bm
        FROM delays t
      ), resolved AS (
        SELECT t.*,
          t.hold_bm + t.hold_length AS unhold_bm,
          coalesce(t.hold_bm + t.hold_length + 10, t.rounds_bm + t.n_rounds * t.p)
            + floor(0.25 * t.p * ${rnd("t.id", "resolve.at")})::int AS resolve_bm
        FROM milestones t
      ), reopened AS (
        SELECT t.*,
          CASE WHEN t.reopen THEN t.resolve_bm + t.reopen_after END AS reopen_bm,
          CASE WHEN t.reopen THEN t.resolve_bm + t.reopen_after + floor(0.3 * t.p)::int
                                  + floor(0.2 * t.p * ${rnd("t.id", "reresolve.at")})::int END AS reresolve_bm
        FROM resolved t
      )
      SELECT id, office_id, clock_id, created_at, spike, meridian, customer_id, channel, subject, fate,
        CASE WHEN fate = 'merged' THEN previous_id END AS merged_into,
        queue0, queue1, moved, priority0, priority1,
        CASE WHEN escalate AND priority1 > 1 THEN priority1 - 1 END AS priority2,
        a0, d, a, b, coalesce(b, a) AS closer, n_rounds, p, bm0, dispatch_bm, triage_bm, rounds_bm,
        -- Only a normal ticket goes on past triage (merged and deleted ones end there).
        CASE WHEN fate = 'normal' THEN hold_bm END AS hold_bm,
        CASE WHEN fate = 'normal' AND NOT forgotten THEN unhold_bm END AS unhold_bm,
        CASE WHEN fate = 'normal' AND NOT forgotten THEN resolve_bm END AS resolve_bm,
        CASE WHEN fate = 'normal' AND NOT forgotten THEN reopen_bm END AS reopen_bm,
        CASE WHEN fate = 'normal' AND NOT forgotten THEN reopen_bm + 5 + floor(0.2 * p * ${rnd("id", "rereply.at")})::int END AS rereply_bm,
        CASE WHEN fate = 'normal' AND NOT forgotten THEN reresolve_bm END AS reresolve_bm,
        -- Closed by the system five business days after the last resolution.
        CASE WHEN fate = 'normal' AND NOT forgotten THEN coalesce(reresolve_bm, resolve_bm) + 3000 END AS close_bm
      FROM reopened;
      ALTER TABLE plan ADD PRIMARY KEY (id);
      ANALYZE plan;
    `,
  },
];
