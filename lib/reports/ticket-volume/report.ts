import { z } from "zod";
import { checkRange, dateRange, entities } from "../../params/fields";
import { defineReport } from "../types";
import { volumeQuery } from "./query";

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
  query: volumeQuery,
});
