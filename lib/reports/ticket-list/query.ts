import "server-only";
import { sql } from "kysely";
import { rangeInstants } from "../../params/dates";
import { subjectTemplate } from "../../sql/helpdesk/subject-template";
import type { QueryContext } from "../types";

export const CHANNELS = ["email", "portal", "phone", "monitoring"] as const;

export interface TicketListParams {
  from: string;
  to: string;
  queue: number[];
  customer?: number;
  ticket?: number;
  kind?: string;
  channel?: (typeof CHANNELS)[number];
}

/** Tickets created in the range, newest first, with their current state: the raw list behind any count. */
export function ticketsQuery({ helpdesk, timeZone }: QueryContext, p: TicketListParams) {
  const { start, end } = rangeInstants(p.from, p.to, timeZone);
  return (
    helpdesk
      .selectFrom("tickets as t")
      .innerJoin("customers as c", "c.id", "t.customer_id")
      .innerJoin("queues as q", "q.id", "t.queue_id")
      .leftJoin("techs as a", "a.id", "t.assignee_id")
      .select([
        "t.id as ticket_id",
        "t.created_at",
        "c.name as customer",
        "t.subject",
        "t.channel",
        "t.priority",
        "q.name as queue",
        "t.status",
        "a.login as assignee",
      ])
      .$if(p.ticket === undefined, (qb) => qb.where("t.created_at", ">=", start).where("t.created_at", "<", end))
      .$if(p.ticket !== undefined, (qb) => qb.where("t.id", "=", p.ticket as number))
      .$if(p.queue.length > 0, (qb) => qb.where("t.queue_id", "in", p.queue))
      .$if(p.customer !== undefined, (qb) => qb.where("t.customer_id", "=", p.customer as number))
      .$if(p.channel !== undefined, (qb) => qb.where("t.channel", "=", p.channel as string))
      // The kind is compared as the recurring-work report computes it, so its drill-down lists exactly its tickets
      // (once per distinct subject of the range, as there: the template is a chain of regular expressions).
      // A ticket number is that ticket whatever the range: its own subject is compared.
      .$if(Boolean(p.kind), (qb) =>
        qb.where(
          p.ticket !== undefined
            ? sql<boolean>`${subjectTemplate(sql.ref("t.subject"))} = ${p.kind as string}`
            : sql<boolean>`t.subject IN (SELECT d.subject
            FROM (SELECT DISTINCT x.subject FROM tickets x WHERE x.created_at >= ${start} AND x.created_at < ${end}) d
            WHERE ${subjectTemplate(sql.ref("d.subject"))} = ${p.kind as string})`,
        ),
      )
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc")
  );
}
