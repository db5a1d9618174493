import { z } from "zod";
import { checkRange, dateRange, entities, entity, text } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { defineReport } from "../types";
import { CHANNELS, ticketsQuery } from "./query";

const params = z
  .object({
    ...dateRange("last-7-days"),
    queue: entities(
      "queue",
      "Queues",
      "Only tickets now in these queues (repeat the key for several); all when absent",
    ),
    customer: entity("customer", "Customer", "Only this customer's tickets (type part of the name); all when absent"),
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

export const ticketList = defineReport({
  id: "ticket-list",
  title: "Ticket list",
  description:
    "Every ticket created in the range (whole days in the reporting time zone), newest first, with its current customer, queue, status and assignee. " +
    "The queue filter uses each ticket's current queue; the customer filter keeps one customer's tickets. The kind filter keeps the tickets whose subject has that template " +
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
  exportQuery: ticketsQuery,
});
