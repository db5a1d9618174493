import { QUEUES, RVANCE_ID } from "../catalog";
import { pickText, rnd } from "../sql";
import type { Step } from "../step";
import { BARE_NOTES } from "../words";

/**
 * Planted story 1: rvance games the old cruncher with bare half-point notes
 * ("." or "checked") posted between 22:00 and 04:00 Chicago time on his
 * team's open tickets, on up to four nights per ticket, and never within 30
 * minutes of anything else he does on that ticket. Ten times as often in the
 * last 60 days. A ticket is open from triage until it is first resolved.
 */
const teamOneQueues = QUEUES.filter((q) => q.team === 1).map((q) => q.id);
const key = "(s.ticket_id * 4 + n)";

export const nightNoteSteps: Step[] = [
  {
    name: "rvance's night notes",
    sql: `
      INSERT INTO cm (ticket_id, ord, created_at, author_id, visibility, body, credit)
      WITH spans AS (
        SELECT t.id AS ticket_id, opened.at AS open_from, coalesce(resolved.at, pg_temp.end_ts()) AS open_to
        FROM plan t
        JOIN acts opened ON opened.ticket_id = t.id AND opened.kind = 20
        LEFT JOIN acts resolved ON resolved.ticket_id = t.id AND resolved.kind = 600
        WHERE t.fate = 'normal' AND t.queue1 IN (${teamOneQueues.join(", ")})
          -- About as many half points as a colleague's whole credit at any scale (a team has n_techs / 6 members).
          AND ${rnd("t.id", "night.ticket")} < least(0.6, 24.0 / pg_temp.n_techs())
                * CASE WHEN t.created_at >= pg_temp.end_ts() - interval '60 days' THEN 1 ELSE 0.1 END
      ), nights AS (
        SELECT s.ticket_id, n, s.open_from, s.open_to,
          ((s.open_from AT TIME ZONE 'America/Chicago')::date + n + time '22:00') AT TIME ZONE 'America/Chicago'
            + floor(21600 * ${rnd(key, "night.at")}) * interval '1 second' AS at,
          ${pickText(BARE_NOTES, key, "night.body")} AS body
        FROM spans s
        CROSS JOIN generate_series(0, 3) n
      )
      SELECT x.ticket_id, 8000 + x.n, x.at, ${RVANCE_ID}, 'internal', x.body, 0.5
      FROM nights x
      WHERE x.at > x.open_from AND x.at < x.open_to
        AND NOT EXISTS (
          SELECT 1 FROM acts a
          WHERE a.ticket_id = x.ticket_id AND a.actor = ${RVANCE_ID}
            AND a.at BETWEEN x.at - interval '30 minutes' AND x.at + interval '30 minutes'
        );
    `,
  },
];
