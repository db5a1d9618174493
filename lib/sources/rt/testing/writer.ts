import pg from "pg";
import { copyAcross } from "../../../demo/copy";
import type { RtVersion } from "../tables";
import { CF, CUSTOMER_USER_BASE, NOBODY_ID, PRIVILEGED_ID, RT_SYSTEM_ID, TEAM_GROUP_BASE } from "./ids";

/**
 * Test-only: writes a history held in our helpdesk shape (the demo
 * generator's) into an empty RT database (sql/rt) as RT would have recorded
 * it, so ingesting it back must give every report the same numbers. What RT
 * does that our shape does not, it does here too: Create carries no values,
 * every owner change has its SetWatcher twin, every tech reply its
 * EmailRecord, merges write AddLink on both tickets, teams are renamed with
 * Set/Name and staffed with AddMember/DeleteMember on the group. Time is a
 * `Set TimeWorked` transaction whose TimeTaken is the minutes (on 6.0 with
 * TimeWorker and TimeWorkedDate too). Transaction ids follow time.
 */
export async function writeRtHistory(canonicalUrl: string, rtUrl: string, version: RtVersion): Promise<void> {
  const source = new pg.Client({ connectionString: canonicalUrl, options: "-c TimeZone=UTC -c work_mem=256MB" });
  const target = new pg.Client({ connectionString: rtUrl, options: "-c TimeZone=UTC" });
  await source.connect();
  await target.connect();
  try {
    await target.query("BEGIN");
    for (const [table, query] of Object.entries(rtRows(version))) {
      await copyAcross(source, query, target, table);
    }
    await target.query("COMMIT");
    await target.query("ANALYZE");
  } finally {
    await source.end();
    await target.end();
  }
}

const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;

function rtRows(version: RtVersion): Record<string, string> {
  const teamName = `(SELECT n.name FROM team_names n WHERE n.team_id = tm.id ORDER BY n.valid_from DESC LIMIT 1)`;
  const creator = `coalesce((SELECT e.actor_id FROM ticket_events e WHERE e.ticket_id = t.id AND e.field = 'status'
                     AND e.old_value IS NULL ORDER BY e.at, e.id LIMIT 1), ${CUSTOMER_USER_BASE} + t.customer_id)`;
  const sixOnly = (columns: string) => (version === "6.0" ? `, ${columns}` : "");
  return {
    "principals (id, principaltype, disabled)": `
      SELECT id, 'User', (left_on IS NOT NULL)::int FROM techs
      UNION ALL VALUES (${RT_SYSTEM_ID}, 'User', 0), (${NOBODY_ID}, 'User', 0), (${PRIVILEGED_ID}, 'Group', 0)
      UNION ALL SELECT ${TEAM_GROUP_BASE} + id, 'Group', 0 FROM teams
      UNION ALL SELECT ${CUSTOMER_USER_BASE} + id, 'User', 0 FROM customers`,
    "users (id, name, emailaddress, organization, realname, timezone, created, lastupdated)": `
      SELECT k.id, k.login, k.login || '@support.example', NULL, k.full_name, o.timezone,
             k.hired_on::timestamp, coalesce(k.left_on, k.hired_on)::timestamp
      FROM techs k JOIN offices o ON o.id = k.office_id
      UNION ALL VALUES (${RT_SYSTEM_ID}, 'RT_System', NULL, NULL, 'The RT System itself', NULL, NULL::timestamp, NULL::timestamp),
                       (${NOBODY_ID}, 'Nobody', NULL, NULL, 'Nobody in particular', NULL, NULL, NULL)
      UNION ALL SELECT ${CUSTOMER_USER_BASE} + id, 'customer-' || id, 'help@customer-' || id || '.example', name, name, NULL,
             ${utc("created_at")}, ${utc("created_at")} FROM customers`,
    "groups (id, name, description, domain, instance, created, lastupdated)": `
      VALUES (${PRIVILEGED_ID}, 'Privileged', 'Pseudogroup for internal use', 'SystemInternal', NULL::int, NULL::timestamp, NULL::timestamp)
      UNION ALL SELECT ${TEAM_GROUP_BASE} + tm.id, ${teamName}, NULL, 'UserDefined', NULL,
             (SELECT ${utc("min(n.valid_from)")} FROM team_names n WHERE n.team_id = tm.id), NULL FROM teams tm`,
    "groupmembers (id, groupid, memberid, created)": `
      SELECT row_number() OVER (ORDER BY g, m), g, m, c FROM (
        SELECT ${PRIVILEGED_ID} AS g, id AS m, hired_on::timestamp AS c FROM techs
        UNION ALL SELECT ${TEAM_GROUP_BASE} + team_id, tech_id, ${utc("valid_from")} FROM team_members WHERE valid_to IS NULL
      ) x`,
    "queues (id, name, lifecycle, disabled, created, lastupdated)": `SELECT id, name, 'lookback', 0, NULL::timestamp, NULL::timestamp FROM queues`,
    "customfields (id, name, type, lookuptype, disabled)": `
      VALUES (${CF.customer}, 'Customer', 'Select', 'RT::Queue-RT::Ticket', 0), (${CF.channel}, 'Channel', 'Select', 'RT::Queue-RT::Ticket', 0),
             (${CF.team}, 'Team', 'Freeform', 'RT::Queue', 0)`,
    "customfieldvalues (id, customfield, name, description, created)": `
      SELECT id, ${CF.customer}, name, billing_account_no, ${utc("created_at")} FROM customers`,
    "objectcustomfieldvalues (id, customfield, objecttype, objectid, content, created, lastupdated, disabled)": `
      SELECT row_number() OVER (ORDER BY k, o), cf, ot, o, content, NULL::timestamp, NULL::timestamp, 0 FROM (
        SELECT 1 AS k, ${CF.customer} AS cf, 'RT::Ticket' AS ot, t.id AS o, c.name AS content FROM tickets t JOIN customers c ON c.id = t.customer_id
        UNION ALL SELECT 2, ${CF.channel}, 'RT::Ticket', id, channel FROM tickets
        UNION ALL SELECT 3, ${CF.team}, 'RT::Queue', q.id, (SELECT n.name FROM team_names n WHERE n.team_id = q.team_id ORDER BY n.valid_from DESC LIMIT 1)
        FROM queues q
      ) x`,
    "tickets (id, effectiveid, ismerged, queue, type, owner, subject, initialpriority, priority, timeworked, status, resolved, lastupdated, creator, created)": `
      SELECT t.id, coalesce(t.merged_into_id, t.id), CASE WHEN t.merged_into_id IS NOT NULL THEN 1 END, t.queue_id, 'ticket',
             coalesce(t.assignee_id, ${NOBODY_ID}), t.subject, 0, t.priority,
             coalesce((SELECT sum(minutes) FROM time_entries te WHERE te.ticket_id = t.id), 0), t.status,
             ${utc("t.resolved_at")}, ${utc("t.updated_at")}, ${creator}, ${utc("t.created_at")}
      FROM tickets t`,
    [`transactions (id, objecttype, objectid, timetaken, type, field, oldvalue, newvalue, creator, created${sixOnly("timeworker, timeworkeddate")})`]: `
      WITH ev AS (
        SELECT e.*, (e.old_value IS NULL AND e.at = t.created_at) AS creation, t.customer_id
        FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      ), owner AS (
        SELECT id, coalesce(old_value, '${NOBODY_ID}') AS o, coalesce(new_value, '${NOBODY_ID}') AS n FROM ev WHERE field = 'assignee'
      ), firsts AS (
        SELECT ticket_id, min(id) AS id FROM ticket_events GROUP BY ticket_id
      ), tx AS (
        SELECT t.created_at AS at, 0 AS kind, f.id AS key, 0 AS sub,
               'RT::Ticket' AS objecttype, t.id AS objectid, 0 AS timetaken, 'Create' AS type, NULL AS field,
               NULL AS oldvalue, NULL AS newvalue, ${creator} AS creator, NULL::int AS worker
        FROM tickets t LEFT JOIN firsts f ON f.ticket_id = t.id
        UNION ALL
        SELECT e.at, 1, e.id, s.sub, 'RT::Ticket', e.ticket_id, 0,
               CASE WHEN e.field = 'status' THEN 'Status' WHEN s.sub = 1 THEN 'SetWatcher' ELSE 'Set' END,
               CASE e.field WHEN 'status' THEN 'Status' WHEN 'queue' THEN 'Queue' WHEN 'priority' THEN 'Priority' ELSE 'Owner' END,
               CASE WHEN e.field = 'assignee' THEN w.o ELSE e.old_value END, CASE WHEN e.field = 'assignee' THEN w.n ELSE e.new_value END,
               coalesce(e.actor_id, ${RT_SYSTEM_ID}), NULL
        FROM ev e LEFT JOIN owner w ON w.id = e.id
        CROSS JOIN LATERAL (VALUES (0), (1)) AS s (sub)
        WHERE NOT e.creation AND (s.sub = 0 OR e.field = 'assignee')
        UNION ALL
        SELECT e.at, 1, e.id, 2 + s.sub, 'RT::Ticket', CASE s.sub WHEN 0 THEN e.ticket_id ELSE t.merged_into_id END, 0, 'AddLink', 'MergedInto',
               NULL, 'fsck.com-rt://example/ticket/' || t.merged_into_id, coalesce(e.actor_id, ${RT_SYSTEM_ID}), NULL
        FROM ev e JOIN tickets t ON t.id = e.ticket_id CROSS JOIN (VALUES (0), (1)) AS s (sub)
        WHERE e.field = 'status' AND e.new_value = 'merged' AND t.merged_into_id IS NOT NULL
        UNION ALL
        SELECT c.created_at, 2, c.id, s.sub, 'RT::Ticket', c.ticket_id, 0,
               CASE WHEN s.sub = 1 THEN 'EmailRecord' WHEN c.visibility = 'public' THEN 'Correspond' ELSE 'Comment' END, NULL, NULL, NULL,
               coalesce(c.author_id, ${CUSTOMER_USER_BASE} + t.customer_id), NULL
        FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id CROSS JOIN (VALUES (0), (1)) AS s (sub)
        WHERE s.sub = 0 OR (c.visibility = 'public' AND c.author_id IS NOT NULL)
        UNION ALL
        SELECT te.started_at, 3, te.id, 0, 'RT::Ticket', te.ticket_id, te.minutes, 'Set', 'TimeWorked', NULL, NULL, te.tech_id, te.tech_id
        FROM time_entries te
        UNION ALL
        SELECT n.valid_from, 4, n.team_id, 0, 'RT::Group', ${TEAM_GROUP_BASE} + n.team_id, 0, 'Set', 'Name',
               lag(n.name) OVER (PARTITION BY n.team_id ORDER BY n.valid_from), n.name, ${RT_SYSTEM_ID}, NULL
        FROM team_names n
        UNION ALL
        SELECT s.at, 5, m.tech_id, s.sub, 'RT::Group', ${TEAM_GROUP_BASE} + m.team_id, 0, s.type, m.tech_id::text, NULL, NULL, ${RT_SYSTEM_ID}, NULL
        FROM team_members m CROSS JOIN LATERAL (VALUES (m.valid_from, 0, 'AddMember'), (m.valid_to, 1, 'DeleteMember')) AS s (at, sub, type)
        WHERE s.at IS NOT NULL
      )
      SELECT row_number() OVER (ORDER BY at, kind, key, sub), objecttype, objectid, timetaken, type, field, oldvalue, newvalue, creator,
             ${utc("at")}${sixOnly(`coalesce(worker, 0), CASE WHEN worker IS NOT NULL THEN ${utc("at")}::date END`)}
      FROM tx
      -- The first name of a team is its group's name at creation, not a rename.
      WHERE NOT (objecttype = 'RT::Group' AND type = 'Set' AND oldvalue IS NULL)`,
  };
}

/** The canonical cost rates as the CSV a manager would keep beside RT (login,valid_from,hourly_cost,currency). */
export async function costRatesCsv(canonicalUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: canonicalUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(
      `SELECT k.login || ',' || to_char(r.valid_from, 'YYYY-MM-DD') || ',' || r.hourly_cost || ',' || r.currency AS line
       FROM tech_cost_rates r JOIN techs k ON k.id = r.tech_id ORDER BY k.login, r.valid_from`,
    );
    return ["login,valid_from,hourly_cost,currency", ...rows.map((r) => r.line)].join("\n");
  } finally {
    await client.end();
  }
}
