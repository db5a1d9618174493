import { CORE_TECHS, OFFICES, PLANTED_TECHS, QUEUES, RVANCE_ID, TEAMS } from "../catalog";
import { rnd, textArray, values } from "../sql";
import type { Step } from "../step";
import { FIRST_NAMES, LAST_NAMES } from "../words";

/**
 * Offices, teams and their names over time, queues, techs with their team
 * memberships and cost rates, and `roster`: who can be handed a ticket in a
 * given week, one row per seat (a tech may hold several). Techs 1..12 are the core (two per team, hired before history,
 * never leave or move); the rest may be hired during history, leave, or move
 * once to another team of the same office.
 */
const plantedRows = PLANTED_TECHS.map((t) => [t.id, t.login, t.fullName, t.rates[0].from]);
const nameCombos = FIRST_NAMES.length * LAST_NAMES.length;

export const staffSteps: Step[] = [
  {
    name: "offices, teams, queues",
    sql: `
      INSERT INTO offices (id, name, timezone) VALUES ${values(OFFICES.map((o) => [o.id, o.name, o.timezone]))};
      INSERT INTO teams (id) SELECT id FROM unnest(ARRAY[${TEAMS.map((t) => t.id).join(", ")}]) id;
      INSERT INTO team_names (team_id, name, valid_from)
      SELECT n.team_id, n.name, (pg_temp.start_day() + n.from_days)::timestamp AT TIME ZONE o.timezone
      FROM (VALUES ${values(TEAMS.flatMap((t) => t.names.map((n) => [t.id, t.office, n.name, n.from])))})
        AS n(team_id, office_id, name, from_days)
      JOIN offices o ON o.id = n.office_id;
      INSERT INTO queues (id, name, team_id) VALUES ${values(QUEUES.map((q) => [q.id, q.name, q.team]))};

      CREATE TEMP TABLE team_office AS
      SELECT * FROM (VALUES ${values(TEAMS.map((t) => [t.id, t.office]))}) AS v(team_id, office_id);
    `,
  },
  {
    name: "techs",
    sql: `
      CREATE TEMP TABLE staff AS
      WITH base AS (
        SELECT k AS id, 1 + (k - 1) % 6 AS team_id,
          k > ${CORE_TECHS} AND ${rnd("k", "tech.hired_in_history")} < 0.25 AS hired_in_history,
          k > ${CORE_TECHS} AND ${rnd("k", "tech.leaves")} < 0.15 AS leaves,
          k > ${CORE_TECHS} AND ${rnd("k", "tech.moves")} < 0.2 AS moves,
          (k * 7919) % ${nameCombos} AS name_index
        FROM generate_series(1, pg_temp.n_techs()) k
      ), hired AS (
        SELECT b.*, o.office_id, tz.timezone,
          coalesce(pg_temp.start_day() + p.hired_from,
            CASE WHEN b.hired_in_history THEN pg_temp.start_day() + pg_temp.rint(b.id, 'tech.hired_on', 600)
                 ELSE pg_temp.start_day() - 180 - pg_temp.rint(b.id, 'tech.hired_on', 2500) END) AS hired_on,
          coalesce(p.login, lower(left(f.first, 1) || f.last)) AS base_login,
          coalesce(p.full_name, f.first || ' ' || f.last) AS full_name
        FROM base b
        JOIN team_office o USING (team_id)
        JOIN offices tz ON tz.id = o.office_id
        LEFT JOIN (VALUES ${values(plantedRows)}) AS p(tech_id, login, full_name, hired_from) ON p.tech_id = b.id
        CROSS JOIN LATERAL (SELECT (${textArray(FIRST_NAMES)})[1 + b.name_index / ${LAST_NAMES.length}] AS first,
                                   (${textArray(LAST_NAMES)})[1 + b.name_index % ${LAST_NAMES.length}] AS last) f
      ), left_company AS (
        SELECT h.*,
          CASE WHEN leaves AND pg_temp.end_day() - 30 > greatest(hired_on, pg_temp.start_day()) + 90
            THEN greatest(hired_on, pg_temp.start_day()) + 90
                 + pg_temp.rint(id, 'tech.left_on', pg_temp.end_day() - 30 - greatest(hired_on, pg_temp.start_day()) - 90)
          END AS left_on
        FROM hired h
      ), moved AS (
        SELECT l.*, greatest(hired_on, pg_temp.start_day()) + 60 AS move_from, coalesce(left_on, pg_temp.end_day()) - 30 AS move_to
        FROM left_company l
      )
      SELECT id, team_id, office_id, timezone, hired_on, left_on, full_name, hired_in_history,
        CASE WHEN row_number() OVER w > 1 THEN base_login || row_number() OVER w ELSE base_login END AS login,
        CASE WHEN moves AND move_to > move_from
          THEN ((move_from + pg_temp.rint(id, 'tech.move_on', move_to - move_from))::timestamp + time '09:00') AT TIME ZONE timezone
        END AS move_at,
        CASE WHEN office_id = 1 THEN 1 + (team_id + pg_temp.rint(id, 'tech.team2', 3)) % 4 ELSE 11 - team_id END AS team2_id,
        (left_on + 1)::timestamp AT TIME ZONE timezone AS left_at
      FROM moved
      WINDOW w AS (PARTITION BY base_login ORDER BY id);
      ANALYZE staff;

      INSERT INTO techs (id, login, full_name, office_id, hired_on, left_on)
      SELECT id, login, full_name, office_id, hired_on, left_on FROM staff ORDER BY id;

      INSERT INTO team_members (tech_id, team_id, valid_from, valid_to)
      SELECT id, team_id, (hired_on::timestamp + time '09:00') AT TIME ZONE timezone, coalesce(move_at, left_at) FROM staff
      UNION ALL
      SELECT id, team2_id, move_at, left_at FROM staff WHERE move_at IS NOT NULL
      ORDER BY 1, 3;
    `,
  },
  {
    name: "tech cost rates",
    sql: `
      INSERT INTO tech_cost_rates (tech_id, valid_from, hourly_cost, currency)
      SELECT p.tech_id, pg_temp.start_day() + p.from_days, p.cost::numeric, o.currency
      FROM (VALUES ${values(PLANTED_TECHS.flatMap((t) => t.rates.map((r) => [t.id, r.from, r.cost])))}) AS p(tech_id, from_days, cost)
      JOIN staff s ON s.id = p.tech_id
      JOIN (VALUES ${values(OFFICES.map((o) => [o.id, o.currency]))}) AS o(office_id, currency) USING (office_id);

      -- Some techs hired during history get their first rate three weeks late:
      -- their first time entries have no rate in force (the "missing rates" case).
      WITH base AS (
        SELECT s.id, s.left_on, o.currency,
          CASE WHEN s.hired_in_history AND ${rnd("s.id", "rate.late")} < 0.25 THEN s.hired_on + 21 ELSE s.hired_on END AS first_from,
          round((CASE WHEN s.office_id = 1 THEN 42 + 50 * ${rnd("s.id", "rate.base")} ELSE 34 + 38 * ${rnd("s.id", "rate.base")} END)::numeric * 2) / 2 AS cost,
          pg_temp.start_day() + 30 + pg_temp.rint(s.id, 'rate.raise_on', 650) AS raise_on,
          1.03 + 0.07 * ${rnd("s.id", "rate.raise")} AS raise
        FROM staff s
        JOIN (VALUES ${values(OFFICES.map((o) => [o.id, o.currency]))}) AS o(office_id, currency) USING (office_id)
        WHERE s.id NOT IN (${PLANTED_TECHS.map((t) => t.id).join(", ")})
      )
      INSERT INTO tech_cost_rates (tech_id, valid_from, hourly_cost, currency)
      SELECT id, first_from, cost, currency FROM base
      UNION ALL
      SELECT id, raise_on, round(cost * raise::numeric, 2), currency FROM base
      WHERE ${rnd("id", "rate.raised")} < 0.7 AND raise_on > first_from AND raise_on < coalesce(left_on, pg_temp.end_day())
      UNION ALL
      SELECT id, raise_on + 200, round(cost * raise::numeric * 1.04, 2), currency FROM base
      WHERE ${rnd("id", "rate.raised")} < 0.3 AND raise_on > first_from AND raise_on + 200 < coalesce(left_on, pg_temp.end_day())
      ORDER BY 1, 2;
    `,
  },
  {
    name: "rosters",
    // Who may be handed a ticket created in week wk: members of the team for
    // the six weeks that follow, so nearly all of a ticket's life falls inside
    // the assignee's membership. rvance gets a quarter of a colleague's share, and
    // no new tickets at all in the last 60 days.
    sql: `
      CREATE TEMP TABLE roster AS
      WITH weeks AS (
        SELECT wk, pg_temp.start_ts() + wk * interval '7 days' AS wk_start,
          least(pg_temp.start_ts() + (wk + 6) * interval '7 days', pg_temp.end_ts()) AS horizon
        FROM generate_series(0, (pg_temp.end_day() - pg_temp.start_day()) / 7) wk
      ), seats AS (
        SELECT m.team_id, w.wk, m.tech_id
        FROM weeks w
        JOIN team_members m ON m.valid_from <= w.wk_start AND (m.valid_to IS NULL OR m.valid_to >= w.horizon)
        CROSS JOIN LATERAL generate_series(1,
          CASE WHEN m.tech_id <> ${RVANCE_ID} THEN 4
               WHEN w.wk_start < pg_temp.end_ts() - interval '60 days' THEN 1
               ELSE 0 END) copies
      )
      SELECT team_id, wk, (row_number() OVER (PARTITION BY team_id, wk ORDER BY tech_id) - 1)::int AS seat, tech_id
      FROM seats;
      ALTER TABLE roster ADD PRIMARY KEY (team_id, wk, seat);
      ANALYZE roster;

      CREATE TEMP TABLE roster_size AS SELECT team_id, wk, count(*)::int AS seats FROM roster GROUP BY team_id, wk;
      ALTER TABLE roster_size ADD PRIMARY KEY (team_id, wk);
      ANALYZE roster_size;
    `,
  },
];
