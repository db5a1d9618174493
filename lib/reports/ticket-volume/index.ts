import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import { rangeInstants } from "../../params/dates";
import { checkRange, dateRange, entities } from "../../params/fields";
import { defineReport } from "../types";

const params = z
  .object({
    ...dateRange("last-30-days"),
    queue: entities(
      "queue",
      "Queues",
      "Only tickets now in these queues (repeat the key for several); all when absent",
    ),
  })
  .superRefine(checkRange);

interface VolumeRow {
  [key: string]: string | number;
  day: string;
  created: number;
  resolved: number;
  email: number;
  portal: number;
  phone: number;
  monitoring: number;
}

/**
 * The plainest report: tickets opened and resolved per day. It exists to show
 * the framework end to end (form, chart, table, totals, export) on the demo data.
 */
export const ticketVolume = defineReport({
  id: "ticket-volume",
  title: "Ticket volume",
  description:
    "Tickets created and resolved per day in the reporting time zone. `created` counts tickets by their created_at, split by channel; " +
    "`resolved` counts status changes to resolved on that day (a ticket resolved twice counts twice). The queue filter uses each ticket's current queue.",
  audience: "team leads",
  roles: ["manager", "lead", "tech"],
  params,
  sources: ["helpdesk"],
  columns: [
    { key: "day", label: "Day", type: "date" },
    { key: "created", label: "Created", type: "integer", total: "sum" },
    { key: "resolved", label: "Resolved", type: "integer", total: "sum" },
    { key: "email", label: "Email", type: "integer", total: "sum" },
    { key: "portal", label: "Portal", type: "integer", total: "sum" },
    { key: "phone", label: "Phone", type: "integer", total: "sum" },
    { key: "monitoring", label: "Monitoring", type: "integer", total: "sum" },
  ],
  chart: { kind: "line", title: "Created and resolved per day", x: "day", y: ["created", "resolved"] },
  async query({ helpdesk, timeZone, limit }, p) {
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
  },
});
