import { z } from "zod";
import { HOW_TICKETS_ARE_FOUND } from "../../history/describe";
import { entities, instant } from "../../params/fields";
import { defineReport } from "../types";
import { type QueueTicketRow, ticketsInQueuesAt } from "./query";
import { InstantControls } from "./view/InstantControls";
import { viewHref } from "./view/links";
import { QueueCounts } from "./view/QueueCounts";

/** `at` (default now) and the queues to show (all when none): the definition's parameters, nothing more. */
export const queueTimeTravelParams = z.object({
  at: instant("At"),
  queue: entities(
    "queue",
    "Queues",
    "Only tickets whose queue at the instant is one of these (repeat the key); all when absent",
  ),
});

export type QueueTimeTravelParams = z.output<typeof queueTimeTravelParams>;

export const queueTimeTravel = defineReport({
  id: "queue-time-travel",
  title: "Queues as they were",
  description:
    "Every ticket in the queues (status new, open, pending or on hold) at the chosen instant, rebuilt from the ticket history " +
    "(ticket_events), never from the tickets' current columns: each field is the value of the ticket's last change of it at or before " +
    "the instant (ties on the same time broken by event id), and an event exactly at the instant counts. Team names are the ones in " +
    "force at the instant. status_since is when the status in force was set; age is measured from creation. " +
    HOW_TICKETS_ARE_FOUND,
  audience: "team leads",
  page: "/queues",
  roles: ["manager", "lead", "tech"],
  params: queueTimeTravelParams,
  sources: ["helpdesk"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "queue_id", label: "Queue id", type: "integer", hidden: true },
    { key: "queue", label: "Queue", type: "text" },
    { key: "team", label: "Team", type: "text", description: "The queue's team, by its name in force at the instant" },
    { key: "status", label: "Status", type: "text" },
    { key: "priority", label: "Priority", type: "integer" },
    { key: "assignee", label: "Assignee", type: "text" },
    { key: "created_at", label: "Created", type: "instant" },
    {
      key: "age_seconds",
      label: "Age",
      type: "duration",
      unit: "seconds",
      description: "The instant minus created_at",
    },
    { key: "status_since", label: "Status since", type: "instant", description: "When the status in force was set" },
  ],
  query: (ctx, p) => ticketsInQueuesAt(ctx, p.at, p.queue),
  // The report page shows the instant's controls and counts; depth and what changed are reports of their own,
  // put together with this one on /queues.
  View: ({ params, rows, truncated }) => (
    <>
      <InstantControls state={{ at: params.at, queue: params.queue }} basePath="/reports/queue-time-travel" />
      <QueueCounts rows={rows} truncated={truncated} />
      <p className="muted">
        <a href={viewHref("/queues", { at: params.at, queue: params.queue })}>Open the queue view</a> for the depth
        chart and what changed since an earlier instant.
      </p>
    </>
  ),
});

export type { QueueTicketRow };
