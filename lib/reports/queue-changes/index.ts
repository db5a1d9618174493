import { HOW_TICKETS_ARE_FOUND } from "../../history/describe";
import { defineReport } from "../types";
import { queueChangesParams } from "./params";
import { type QueueChangeRow, queueChanges as queueChangesQuery } from "./query";

export const queueChanges = defineReport({
  id: "queue-changes",
  title: "What changed in the queues",
  description:
    "The queues at two instants compared, from the ticket history: tickets that arrived (created, or reopened) between the two, " +
    "tickets that left (resolved, closed, merged or deleted: the status at the later instant), and tickets that sit in another queue " +
    "at the later instant than at the earlier one (moved). A ticket that arrived and left between the two instants changed nothing " +
    "and is not listed. The earlier instant defaults to one day before the later. " +
    HOW_TICKETS_ARE_FOUND,
  audience: "team leads",
  roles: ["manager", "lead", "tech"],
  params: queueChangesParams,
  sources: ["helpdesk"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "change", label: "Change", type: "text" },
    { key: "reason", label: "How", type: "text" },
    { key: "from_queue_id", label: "From queue id", type: "integer", hidden: true },
    { key: "from_queue", label: "From queue", type: "text" },
    { key: "to_queue_id", label: "To queue id", type: "integer", hidden: true },
    { key: "to_queue", label: "To queue", type: "text" },
    { key: "status_before", label: "Status before", type: "text" },
    { key: "status_after", label: "Status after", type: "text" },
  ],
  query: (ctx, p) => queueChangesQuery(ctx, p.since, p.at, p.queue),
});

export type { QueueChangeRow };
