import "server-only";
import { sql } from "kysely";
import { rangeInstants } from "../../params/dates";
import type { QueryContext } from "../types";

export type VolumeRow = {
  day: string;
  created: number;
  resolved: number;
  email: number;
  portal: number;
  phone: number;
  monitoring: number;
};

/** Tickets created (by channel) and resolved per day of the range, in the reporting zone, every day present. */
export async function volumeQuery(
  { helpdesk, timeZone, limit }: QueryContext,
  p: { from: string; to: string; queue: number[] },
): Promise<VolumeRow[]> {
  const { start, end } = rangeInstants(p.from, p.to, timeZone);
  const queues = p.queue.length > 0 ? p.queue : null;
  const result = await sql<VolumeRow>`
    WITH created AS (
      SELECT (t.created_at AT TIME ZONE ${timeZone})::date AS day,
             count(*) AS created,
             count(*) FILTER (WHERE t.channel = 'email') AS email,
             count(*) FILTER (WHERE t.channel = 'portal') AS portal,
             count(*) FILTER (WHERE t.channel = 'phone') AS phone,
             count(*) FILTER (WHERE t.channel = 'monitoring') AS monitoring
      FROM tickets t
      WHERE t.created_at >= ${start} AND t.created_at < ${end}
        AND (${queues}::int[] IS NULL OR t.queue_id = ANY(${queues}::int[]))
      GROUP BY 1
    ), resolved AS (
      SELECT (e.at AT TIME ZONE ${timeZone})::date AS day, count(*) AS resolved
      FROM ticket_events e
      JOIN tickets t ON t.id = e.ticket_id
      WHERE e.field = 'status' AND e.new_value = 'resolved' AND e.at >= ${start} AND e.at < ${end}
        AND (${queues}::int[] IS NULL OR t.queue_id = ANY(${queues}::int[]))
      GROUP BY 1
    )
    SELECT to_char(d, 'YYYY-MM-DD') AS day,
           coalesce(c.created, 0)::int AS created, coalesce(r.resolved, 0)::int AS resolved,
           coalesce(c.email, 0)::int AS email, coalesce(c.portal, 0)::int AS portal,
           coalesce(c.phone, 0)::int AS phone, coalesce(c.monitoring, 0)::int AS monitoring
    FROM generate_series(${p.from}::date, ${p.to}::date, interval '1 day') AS d
    LEFT JOIN created c ON c.day = d::date
    LEFT JOIN resolved r ON r.day = d::date
    ORDER BY d
    LIMIT ${limit}`.execute(helpdesk);
  return result.rows;
}
