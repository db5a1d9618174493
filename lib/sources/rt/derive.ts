import "server-only";
import type pg from "pg";
import type { CostRate, RtMapping } from "./mapping";

/**
 * From the raw copy of RT's rows (schema rt_raw, in our own database) to
 * Lookback's helpdesk tables (schema `target`): the one translation, run for
 * every ticket on a rebuild and for the tickets a pass touched otherwise.
 * Users, groups, queues and custom fields are few and re-derived whole.
 *
 * Translation, in short (the README's "Lookback on Request Tracker" says why):
 * - techs are the members of RT's Privileged group; their office is their zone.
 * - teams are UserDefined groups; names over time from Set/Name transactions,
 *   membership from AddMember/DeleteMember (else GroupMembers.Created).
 * - customers are the values of a Select ticket custom field, or (mapping
 *   `customers.source`) the Organizations of the tickets' first requestors.
 * - events: Status, and Queue/Priority/Owner changes (never SetWatcher);
 *   Create carries no values, so each initial value is the first later
 *   change's OldValue, else the ticket's current column. Event id =
 *   transaction id × 4 + field, so (at, id) keeps RT's order. A merge
 *   (AddLink MergedInto on the merged ticket; RT leaves its Status alone)
 *   is a status change to `merged`.
 * - comments: Correspond is public, Comment internal; by a non-tech the
 *   author is NULL and the credit 0.
 * - time: TimeTaken ≠ 0; a negative one corrects the same tech's latest
 *   earlier entry on the ticket (an entry brought to 0 or below disappears).
 */
export const DERIVE_VERSION = 3; // 3: merged tickets are merged

const byOrganization = (m: RtMapping) => m.customers.source === "requestorOrganization";

const FIELD_INDEX = { status: 0, queue: 1, priority: 2, assignee: 3 } as const;

export interface DeriveInput {
  mapping: RtMapping;
  costRates: CostRate[];
  /** Tickets to re-derive; null: every ticket. */
  tickets: number[] | null;
  /** Told each statement's first words and milliseconds (the bench prints them). */
  onStatement?: (what: string, ms: number) => void;
}

/** Runs one statement of the derive, timed for `onStatement`. */
function runner(client: pg.ClientBase, input: DeriveInput) {
  return async (text: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    const what = text.trim().replace(/\s+/g, " ").slice(0, 70);
    input.onStatement?.(what, Math.round(performance.now() - started));
    return result;
  };
}

export async function derive(client: pg.ClientBase, target: string, input: DeriveInput): Promise<void> {
  if (!/^[a-z_]+$/.test(target)) throw new Error(`bad schema name ${target}`);
  const T = target;
  const m = input.mapping;
  const q = runner(client, input);

  await q(`
    CREATE TEMP TABLE rt_techs ON COMMIT DROP AS
    SELECT DISTINCT u.id, u.name, u.realname, u.timezone, u.created, u.lastupdated, coalesce(p.disabled, 0) AS disabled
    FROM rt_raw.groups g
    JOIN rt_raw.groupmembers gm ON gm.groupid = g.id
    JOIN rt_raw.users u ON u.id = gm.memberid
    LEFT JOIN rt_raw.principals p ON p.id = u.id
    WHERE g.domain = 'SystemInternal' AND g.name = 'Privileged' AND u.name NOT IN ('RT_System', 'Nobody')`);
  // An office is a zone; a zone PostgreSQL does not know falls back to the default, so no report fails on it.
  await q(
    `CREATE TEMP TABLE rt_zones ON COMMIT DROP AS
     SELECT t.id, CASE WHEN EXISTS (SELECT 1 FROM pg_timezone_names z WHERE z.name = t.timezone) THEN t.timezone ELSE $1 END AS zone
     FROM rt_techs t`,
    [m.offices.defaultZone],
  );
  await q(`
    INSERT INTO rt_ingest.office_ids (zone)
    SELECT DISTINCT zone FROM rt_zones ORDER BY zone
    ON CONFLICT (zone) DO NOTHING`);
  await q(
    `INSERT INTO ${T}.offices (id, name, timezone)
     SELECT o.id, coalesce($1::jsonb ->> o.zone, o.zone), o.zone FROM rt_ingest.office_ids o
     WHERE o.zone IN (SELECT zone FROM rt_zones)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone`,
    [JSON.stringify(m.offices.names)],
  );
  await q(`
    INSERT INTO ${T}.techs (id, login, full_name, office_id, hired_on, left_on)
    SELECT t.id, t.name, coalesce(nullif(t.realname, ''), t.name), o.id, coalesce(t.created, '1970-01-01')::date,
           CASE WHEN t.disabled = 1 THEN coalesce(t.lastupdated, t.created)::date END
    FROM rt_techs t JOIN rt_zones z ON z.id = t.id JOIN rt_ingest.office_ids o ON o.zone = z.zone
    ON CONFLICT (id) DO UPDATE SET login = excluded.login, full_name = excluded.full_name,
      office_id = excluded.office_id, hired_on = excluded.hired_on, left_on = excluded.left_on`);

  // Teams: UserDefined groups, by name on the list (or all), none excluded.
  await q(
    `CREATE TEMP TABLE rt_teams ON COMMIT DROP AS
     SELECT g.id, g.name, g.created FROM rt_raw.groups g
     WHERE g.domain = 'UserDefined' AND ($1::text[] IS NULL OR g.name = ANY ($1)) AND NOT (g.name = ANY ($2))`,
    [m.teams.groups, m.teams.exclude],
  );
  await q(`INSERT INTO ${T}.teams (id) SELECT id FROM rt_teams ON CONFLICT DO NOTHING`);
  // The teams' transactions (renames, members), gathered in one read.
  await q(`
    CREATE TEMP TABLE rt_team_tx ON COMMIT DROP AS
    SELECT x.* FROM rt_raw.transactions x WHERE x.objecttype = 'RT::Group' AND x.objectid IN (SELECT id FROM rt_teams)`);
  await q(`DELETE FROM ${T}.team_names WHERE team_id <> 0`);
  await q(`
    WITH renames AS (
      SELECT x.objectid AS team_id, x.id, x.created, x.oldvalue, x.newvalue,
             row_number() OVER (PARTITION BY x.objectid ORDER BY x.id) AS n
      FROM rt_team_tx x WHERE x.type = 'Set' AND x.field = 'Name'
    ), names AS (
      SELECT t.id AS team_id, coalesce((SELECT r.oldvalue FROM renames r WHERE r.team_id = t.id AND r.n = 1), t.name) AS name,
             coalesce(t.created, '1970-01-01') AS valid_from, 0::bigint AS ord
      FROM rt_teams t
      UNION ALL
      SELECT team_id, newvalue, created, id FROM renames
    )
    INSERT INTO ${T}.team_names (team_id, name, valid_from)
    SELECT DISTINCT ON (team_id, valid_from) team_id, name, valid_from AT TIME ZONE 'UTC'
    FROM names ORDER BY team_id, valid_from, ord DESC`);
  await q(`DELETE FROM ${T}.team_members`);
  await q(`
    WITH m AS (
      SELECT x.objectid AS team_id, x.field::int AS tech_id, x.type, x.created, x.id
      FROM rt_team_tx x WHERE x.type IN ('AddMember', 'DeleteMember') AND x.field ~ '^[0-9]+$'
    ), spans AS (
      SELECT team_id, tech_id, type, created AS valid_from,
             CASE WHEN lead(type) OVER w = 'DeleteMember' THEN lead(created) OVER w END AS valid_to
      FROM m WINDOW w AS (PARTITION BY team_id, tech_id ORDER BY id)
    )
    INSERT INTO ${T}.team_members (tech_id, team_id, valid_from, valid_to)
    SELECT s.tech_id, s.team_id, s.valid_from AT TIME ZONE 'UTC', s.valid_to AT TIME ZONE 'UTC'
    FROM spans s JOIN ${T}.techs k ON k.id = s.tech_id WHERE s.type = 'AddMember'
    UNION ALL
    SELECT gm.memberid, gm.groupid, coalesce(gm.created, '1970-01-01') AT TIME ZONE 'UTC', NULL
    FROM rt_raw.groupmembers gm JOIN rt_teams t ON t.id = gm.groupid JOIN ${T}.techs k ON k.id = gm.memberid
    WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.team_id = gm.groupid AND m.tech_id = gm.memberid AND m.type = 'AddMember')`);

  await q(`DELETE FROM ${T}.tech_cost_rates`);
  await q(
    `INSERT INTO ${T}.tech_cost_rates (tech_id, valid_from, hourly_cost, currency)
     SELECT DISTINCT ON (k.id, r.valid_from) k.id, r.valid_from, r.hourly_cost, r.currency
     FROM unnest($1::text[], $2::date[], $3::numeric[], $4::text[]) AS r (login, valid_from, hourly_cost, currency)
     JOIN ${T}.techs k ON k.login = r.login
     ORDER BY k.id, r.valid_from`,
    [
      input.costRates.map((r) => r.login),
      input.costRates.map((r) => r.valid_from),
      input.costRates.map((r) => r.hourly_cost),
      input.costRates.map((r) => r.currency),
    ],
  );

  // Customers: the values of the customer custom field (their ids stay when a value is renamed).
  const cf = await q(
    `SELECT
       (SELECT min(id) FROM rt_raw.customfields WHERE name = $1 AND lookuptype = 'RT::Queue-RT::Ticket' AND disabled = 0) AS customer,
       (SELECT min(id) FROM rt_raw.customfields WHERE name = $2 AND lookuptype = 'RT::Queue-RT::Ticket' AND disabled = 0) AS channel,
       (SELECT min(id) FROM rt_raw.customfields WHERE name = $3 AND lookuptype = 'RT::Queue' AND disabled = 0) AS team`,
    [m.customers.customField, m.channel.customField, m.queues.teamCustomField],
  );
  const cfIds = cf.rows[0] as { customer: number | null; channel: number | null; team: number | null };
  await q(
    `INSERT INTO ${T}.customers (id, name, billing_account_no, created_at)
     SELECT v.id, coalesce(v.name, ''), coalesce($2::jsonb ->> v.name, CASE WHEN $3 THEN nullif(v.description, '') END),
            coalesce(v.created, '1970-01-01') AT TIME ZONE 'UTC'
     FROM rt_raw.customfieldvalues v WHERE v.customfield = $1
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, billing_account_no = excluded.billing_account_no,
       created_at = excluded.created_at`,
    [
      byOrganization(m) ? null : cfIds.customer,
      JSON.stringify(m.customers.accounts),
      m.customers.accountFromDescription,
    ],
  );

  // Every name each customer value has had: RT keeps a ticket's text when a value is renamed (the ticket
  // still says "Acme" after Acme became "Acme Inc"), so a ticket finds its value by any of its names.
  // A name a value has now wins over the same name another value had before.
  await q(
    `INSERT INTO rt_ingest.customer_value_names (customfield, name, id)
     SELECT v.customfield, v.name, min(v.id) FROM rt_raw.customfieldvalues v
     WHERE v.customfield = $1 AND v.name IS NOT NULL GROUP BY v.customfield, v.name
     ON CONFLICT (customfield, name) DO UPDATE SET id = excluded.id`,
    [byOrganization(m) ? null : cfIds.customer],
  );

  // Queues: the team by the map, else by the queue's custom field (a group's current name); else team 0.
  await q(
    `CREATE TEMP TABLE rt_queues ON COMMIT DROP AS
     SELECT q.id, q.name, coalesce(
       (SELECT t.id FROM rt_teams t WHERE t.name = $1::jsonb ->> q.name ORDER BY t.id LIMIT 1),
       (SELECT t.id FROM rt_raw.objectcustomfieldvalues o JOIN rt_teams t ON t.name = o.content
        WHERE o.customfield = $2 AND o.objecttype = 'RT::Queue' AND o.objectid = q.id AND o.disabled = 0
        ORDER BY o.id DESC, t.id LIMIT 1), 0) AS team_id
     FROM rt_raw.queues q`,
    [JSON.stringify(m.queues.teams), cfIds.team],
  );
  await q(
    `INSERT INTO ${T}.teams (id) SELECT 0 WHERE EXISTS (SELECT 1 FROM rt_queues WHERE team_id = 0) ON CONFLICT DO NOTHING`,
  );
  await q(
    `INSERT INTO ${T}.team_names (team_id, name, valid_from)
     SELECT 0, $1, '1970-01-01T00:00:00Z' WHERE EXISTS (SELECT 1 FROM ${T}.teams WHERE id = 0)
     ON CONFLICT (team_id, valid_from) DO UPDATE SET name = excluded.name`,
    [m.queues.noTeamName],
  );
  await q(`
    INSERT INTO ${T}.queues (id, name, team_id) SELECT id, name, team_id FROM rt_queues
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, team_id = excluded.team_id`);

  await deriveTickets(client, T, input, cfIds);
}

/** Tickets, events, comments and time of the tickets asked for (all on a rebuild). */
async function deriveTickets(
  client: pg.ClientBase,
  T: string,
  input: DeriveInput,
  cfIds: { customer: number | null; channel: number | null },
): Promise<void> {
  const m = input.mapping;
  const q = runner(client, input);
  const ids = input.tickets;
  const statuses = JSON.stringify(m.statuses);
  // Children first (they reference tickets), then tickets RT no longer has (shredded) or that are no longer of type ticket.
  for (const child of ["ticket_events", "ticket_comments", "time_entries"]) {
    await q(`DELETE FROM ${T}.${child} WHERE $1::bigint[] IS NULL OR ticket_id = ANY ($1::bigint[])`, [ids]);
  }
  await q(
    `CREATE TEMP TABLE rt_sel ON COMMIT DROP AS
     SELECT id FROM rt_raw.tickets WHERE type = 'ticket' AND ($1::bigint[] IS NULL OR id = ANY ($1))`,
    [ids],
  );
  await q("ALTER TABLE rt_sel ADD PRIMARY KEY (id)");
  await q(
    `DELETE FROM ${T}.tickets WHERE ($1::bigint[] IS NULL OR id = ANY ($1::bigint[])) AND id NOT IN (SELECT id FROM rt_sel)`,
    [ids],
  );
  // Customers from organizations: an id for each new one (kept across rebuilds, as offices' are).
  if (byOrganization(m)) {
    await q(`
      INSERT INTO rt_ingest.organization_ids (name)
      SELECT DISTINCT r.organization FROM rt_raw.ticket_requestors r JOIN rt_sel s ON s.id = r.ticket_id ORDER BY 1
      ON CONFLICT (name) DO NOTHING`);
  }
  // A few tickets' transactions are gathered once; on a rebuild they are read where they lie, not copied again.
  await q(`CREATE TEMP ${ids ? "TABLE" : "VIEW"} rt_tx ${ids ? "ON COMMIT DROP" : ""} AS
    SELECT x.* FROM rt_raw.transactions x WHERE x.objecttype = 'RT::Ticket' AND x.objectid IN (SELECT id FROM rt_sel)`);
  if (ids) await q("ANALYZE rt_tx");
  const status = (v: string) => `coalesce($1::jsonb ->> ${v}, ${v})`;
  const assignee = (v: string) =>
    `CASE WHEN ${v} ~ '^[0-9]{1,9}$' AND EXISTS (SELECT 1 FROM ${T}.techs k WHERE k.id = ${v}::int) THEN ${v} END`;
  // A merge changes no Status in RT (the merged ticket keeps its own, and its later transactions go to the
  // ticket it was merged into): its AddLink MergedInto is the change to our `merged`, from the status it kept.
  await q(
    `CREATE TEMP TABLE rt_changes ON COMMIT DROP AS
     SELECT x.id, x.objectid AS ticket_id, x.created, x.creator, f.field,
            CASE WHEN f.merge THEN (SELECT ${status("t.status")} FROM rt_raw.tickets t WHERE t.id = x.objectid)
                 WHEN f.field = 'status' THEN ${status("x.oldvalue")} WHEN f.field = 'assignee' THEN ${assignee("x.oldvalue")}
                 ELSE x.oldvalue END AS old_value,
            CASE WHEN f.merge THEN 'merged' WHEN f.field = 'status' THEN ${status("x.newvalue")}
                 WHEN f.field = 'assignee' THEN ${assignee("x.newvalue")} ELSE x.newvalue END AS new_value,
            row_number() OVER (PARTITION BY x.objectid, f.field ORDER BY x.id) AS n
     FROM rt_tx x
     CROSS JOIN LATERAL (SELECT x.type = 'AddLink' AND x.field = 'MergedInto' AND EXISTS (
       SELECT 1 FROM rt_raw.tickets t WHERE t.id = x.objectid AND t.effectiveid NOT IN (t.id, 0)) AS merge) m
     CROSS JOIN LATERAL (SELECT m.merge, CASE
       WHEN m.merge THEN 'status'
       WHEN x.field = 'Status' AND x.type IN ('Status', 'Set') THEN 'status'
       WHEN x.field = 'Queue' AND x.type = 'Set' THEN 'queue'
       WHEN x.field = 'Priority' AND x.type = 'Set' THEN 'priority'
       WHEN x.field = 'Owner' AND x.type IN ('Set', 'Take', 'Untake', 'Steal', 'Give', 'Force') THEN 'assignee' END AS field) f
     WHERE f.field IS NOT NULL`,
    [statuses],
  );
  // Temporary tables get no statistics of their own: without them the planner takes millions of changes for a few.
  await q("ANALYZE rt_changes");
  await q(
    `CREATE TEMP TABLE rt_new_tickets ON COMMIT DROP AS
     SELECT t.id, coalesce(CASE WHEN $5 THEN org.id ELSE cust.id END, 0) AS customer_id, coalesce(t.subject, '') AS subject, coalesce(ch.content, $2) AS channel,
            t.priority, t.created AT TIME ZONE 'UTC' AS created_at,
            CASE WHEN t.effectiveid NOT IN (t.id, 0) THEN 'merged' ELSE coalesce(${status("t.status")}, 'new') END AS status,
            t.queue AS queue_id, (${assignee("t.owner::text")})::int AS assignee_id,
            coalesce(t.lastupdated, t.created) AT TIME ZONE 'UTC' AS updated_at, res.at AT TIME ZONE 'UTC' AS resolved_at,
            CASE WHEN t.effectiveid <> t.id AND t.effectiveid <> 0 THEN t.effectiveid END AS merged_into_id
     FROM rt_sel s JOIN rt_raw.tickets t ON t.id = s.id
     LEFT JOIN (SELECT DISTINCT ON (o.objectid) o.objectid, o.content FROM rt_raw.objectcustomfieldvalues o JOIN rt_sel s ON s.id = o.objectid
       WHERE o.customfield = $3 AND o.objecttype = 'RT::Ticket' AND o.disabled = 0 ORDER BY o.objectid, o.id DESC) cv ON cv.objectid = t.id
     LEFT JOIN rt_ingest.customer_value_names cust ON cust.customfield = $3 AND cust.name = cv.content
     LEFT JOIN (SELECT DISTINCT ON (r.ticket_id) r.ticket_id, n.id FROM rt_raw.ticket_requestors r JOIN rt_sel s ON s.id = r.ticket_id
       JOIN rt_ingest.organization_ids n ON n.name = r.organization WHERE $5 ORDER BY r.ticket_id, r.member_row) org ON org.ticket_id = t.id
     LEFT JOIN (SELECT DISTINCT ON (o.objectid) o.objectid, o.content FROM rt_raw.objectcustomfieldvalues o JOIN rt_sel s ON s.id = o.objectid
       WHERE o.customfield = $4 AND o.objecttype = 'RT::Ticket' AND o.disabled = 0 ORDER BY o.objectid, o.id DESC) ch ON ch.objectid = t.id
     LEFT JOIN (SELECT c.ticket_id, max(c.created) AS at FROM rt_changes c
       WHERE c.field = 'status' AND c.new_value = 'resolved' AND c.old_value IS DISTINCT FROM c.new_value GROUP BY c.ticket_id) res
       ON res.ticket_id = t.id`,
    [statuses, m.channel.default, cfIds.customer, cfIds.channel, byOrganization(m)],
  );
  if (byOrganization(m)) {
    // An organization is a customer from its first ticket on; its account by name from the map.
    await q(
      `INSERT INTO ${T}.customers (id, name, billing_account_no, created_at)
       SELECT n.id, n.name, $1::jsonb ->> n.name, min(t.created_at)
       FROM rt_new_tickets t JOIN rt_ingest.organization_ids n ON n.id = t.customer_id GROUP BY n.id, n.name
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, billing_account_no = excluded.billing_account_no,
         created_at = least(${T}.customers.created_at, excluded.created_at)`,
      [JSON.stringify(m.customers.accounts)],
    );
  }
  // A ticket without a customer value belongs to customer 0, which exists only while some ticket needs it.
  await q(
    `INSERT INTO ${T}.customers (id, name, billing_account_no, created_at)
     SELECT 0, $1, NULL, '1970-01-01T00:00:00Z' WHERE EXISTS (SELECT 1 FROM rt_new_tickets WHERE customer_id = 0)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
    [m.customers.unknownName],
  );
  await q(
    `INSERT INTO ${T}.tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id,
                               updated_at, resolved_at, merged_into_id)
     SELECT * FROM rt_new_tickets
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, subject = excluded.subject, channel = excluded.channel,
       priority = excluded.priority, created_at = excluded.created_at, status = excluded.status, queue_id = excluded.queue_id,
       assignee_id = excluded.assignee_id, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
       merged_into_id = excluded.merged_into_id`,
  );
  const k = FIELD_INDEX;
  await q(
    `WITH created AS (
       SELECT DISTINCT ON (x.objectid) x.objectid AS ticket_id, x.id, x.creator FROM rt_tx x WHERE x.type = 'Create'
       ORDER BY x.objectid, x.id
     ), firsts AS (
       SELECT ticket_id, field, old_value FROM rt_changes WHERE n = 1
     ), initial AS (
       SELECT c.ticket_id, c.id, c.creator, t.created, f.field, f.k,
              CASE WHEN fc.ticket_id IS NOT NULL THEN fc.old_value
                   WHEN f.field = 'status' THEN ${status("t.status")}
                   WHEN f.field = 'queue' THEN t.queue::text
                   WHEN f.field = 'priority' THEN t.priority::text
                   ELSE ${assignee("t.owner::text")} END AS value
       FROM created c JOIN rt_raw.tickets t ON t.id = c.ticket_id
       CROSS JOIN (VALUES ('status', ${k.status}), ('queue', ${k.queue}), ('priority', ${k.priority}), ('assignee', ${k.assignee})) AS f (field, k)
       LEFT JOIN firsts fc ON fc.ticket_id = c.ticket_id AND fc.field = f.field
     )
     INSERT INTO ${T}.ticket_events (id, ticket_id, at, actor_id, field, old_value, new_value)
     SELECT i.id * 4 + i.k, i.ticket_id, i.created AT TIME ZONE 'UTC', a.id, i.field, NULL, i.value
     FROM initial i LEFT JOIN ${T}.techs a ON a.id = i.creator
     WHERE i.value IS NOT NULL OR i.field <> 'assignee'
     UNION ALL
     SELECT c.id * 4 + CASE c.field WHEN 'status' THEN ${k.status} WHEN 'queue' THEN ${k.queue} WHEN 'priority' THEN ${k.priority} ELSE ${k.assignee} END,
            c.ticket_id, c.created AT TIME ZONE 'UTC', a.id, c.field, c.old_value, c.new_value
     FROM rt_changes c LEFT JOIN ${T}.techs a ON a.id = c.creator
     WHERE c.old_value IS DISTINCT FROM c.new_value`,
    [statuses],
  );
  await q(
    `INSERT INTO ${T}.ticket_comments (id, ticket_id, author_id, created_at, visibility, body, credit)
     SELECT x.id, x.objectid, a.id, x.created AT TIME ZONE 'UTC', CASE x.type WHEN 'Correspond' THEN 'public' ELSE 'internal' END, '',
            CASE WHEN a.id IS NULL THEN 0 WHEN x.type = 'Correspond' THEN $1::numeric ELSE $2::numeric END
     FROM rt_tx x LEFT JOIN ${T}.techs a ON a.id = x.creator
     WHERE x.type IN ('Correspond', 'Comment')`,
    [m.credit.reply, m.credit.note],
  );
  await q(
    `WITH te AS (
       SELECT x.id, x.objectid AS ticket_id, k.id AS tech_id, x.created, x.timeworkeddate, x.timetaken,
              max(CASE WHEN x.timetaken > 0 THEN x.id END) OVER (PARTITION BY x.objectid, k.id ORDER BY x.id) AS target
       FROM rt_tx x JOIN ${T}.techs k ON k.id = CASE WHEN x.timeworker <> 0 THEN x.timeworker ELSE x.creator END
       WHERE x.timetaken <> 0
     ), corrections AS (
       SELECT target, sum(timetaken) AS minutes FROM te WHERE timetaken < 0 AND target IS NOT NULL GROUP BY target
     )
     INSERT INTO ${T}.time_entries (id, ticket_id, tech_id, started_at, minutes, billable, note)
     SELECT te.id, te.ticket_id, te.tech_id,
            CASE WHEN $1 = 'workedDate' AND te.timeworkeddate IS NOT NULL
                  AND te.timeworkeddate <> ((te.created AT TIME ZONE 'UTC') AT TIME ZONE o.timezone)::date
                 THEN (te.timeworkeddate + time '12:00') AT TIME ZONE o.timezone
                 ELSE te.created AT TIME ZONE 'UTC' END,
            te.timetaken + coalesce(c.minutes, 0), cu.billing_account_no IS NOT NULL, ''
     FROM te LEFT JOIN corrections c ON c.target = te.id
     JOIN ${T}.techs k ON k.id = te.tech_id JOIN ${T}.offices o ON o.id = k.office_id
     JOIN ${T}.tickets t ON t.id = te.ticket_id JOIN ${T}.customers cu ON cu.id = t.customer_id
     WHERE te.timetaken > 0 AND te.timetaken + coalesce(c.minutes, 0) > 0`,
    [m.timeEntryDate],
  );
  // The view depends on rt_sel, which goes at commit.
  if (!ids) await q("DROP VIEW rt_tx");
}
