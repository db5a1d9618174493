import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import { rangeInstants } from "../../params/dates";
import { checkRange, dateRange, entities, text } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { subjectTemplate } from "../../sql/helpdesk/subject-template";
import type { QueryContext } from "../types";
import { defineReport } from "../types";

const CHANNELS = ["email", "portal", "phone", "monitoring"] as const;

const params = z
  .object({
    ...dateRange("last-7-days"),
    queue: entities(
      "queue",
      "Queues",
      "Only tickets now in these queues (repeat the key for several); all when absent",
    ),
    ticket: z.coerce
      .number({ error: "must be a ticket number (a whole number)" })
      .int({ error: "must be a ticket number (a whole number)" })
      .positive({ error: "must be a ticket number (a whole number)" })
      .optional()
      .describe("Only this ticket, whatever the range (where a search hit links); all when absent")
      .register(paramUi, { kind: "integer", label: "Ticket" }),
    kind: text(
      "Kind",
      "Only tickets whose subject has this template (the recurring-work report's kind); all when absent",
      { max: 500, placeholder: "password reset for <email>" },
    ).optional(),
    channel: z
      .enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(", ")}` })
      .optional()
      .describe("Only tickets of this channel; all when absent")
      .register(paramUi, {
        kind: "choice",
        label: "Channel",
        options: [{ value: "", label: "Any channel" }, ...CHANNELS.map((c) => ({ value: c, label: c }))],
      }),
  })
  .superRefine(checkRange);

type Params = z.output<typeof params>;

/** Tickets created in the range, newest first, with their current state: the raw list behind any count. */
function ticketsQuery({ helpdesk, timeZone }: QueryContext, p: Params) {
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
      .$if(p.channel !== undefined, (qb) => qb.where("t.channel", "=", p.channel as string))
      // The kind is compared as the recurring-work report computes it, so its drill-down lists exactly its tickets.
      // (once per distinct subject of the range, as there: the template is a chain of regular expressions).
      .$if(Boolean(p.kind), (qb) =>
        qb.where(
          sql<boolean>`t.subject IN (SELECT d.subject
            FROM (SELECT DISTINCT x.subject FROM tickets x WHERE x.created_at >= ${start} AND x.created_at < ${end}) d
            WHERE ${subjectTemplate(sql.ref("d.subject"))} = ${p.kind as string})`,
        ),
      )
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc")
  );
}

export const ticketList = defineReport({
  id: "ticket-list",
  title: "Ticket list",
  description:
    "Every ticket created in the range (whole days in the reporting time zone), newest first, with its current customer, queue, status and assignee. " +
    "The queue filter uses each ticket's current queue. The kind filter keeps the tickets whose subject has that template " +
    "(see the recurring-work report for the rules). With a ticket number, only that ticket, whatever the range. Exports stream every row.",
  audience: "techs",
  roles: ["manager", "lead", "tech"],
  params,
  sources: ["helpdesk"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "created_at", label: "Created", type: "instant" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "channel", label: "Channel", type: "text" },
    { key: "priority", label: "Priority", type: "integer" },
    { key: "queue", label: "Queue", type: "text" },
    { key: "status", label: "Status", type: "text" },
    { key: "assignee", label: "Assignee", type: "text" },
  ],
  query: (ctx, p) => ticketsQuery(ctx, p).limit(ctx.limit).execute(),
  stream: (ctx, p) => ticketsQuery(ctx, p).stream(2_000),
});
