import { z } from "zod";
import { config } from "../../db/config";
import { HOW_TICKETS_ARE_FOUND } from "../../history/describe";
import { entities, instant, parseInstant } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { defineReport } from "../types";
import { type QueueChangeRow, queueChanges as queueChangesQuery } from "./query";

const DAY_MS = 86_400_000;

/** `since` (T1, default one day before `at`) and `at` (T2, default now): the two instants compared. */
export const queueChangesParams = z
  .object({
    since: z
      .string()
      .trim()
      .max(40, { error: "is too long for an instant" })
      .optional()
      .describe(
        "The earlier instant (T1): ISO 8601 with an offset, or a local date and time; default one day before `at`",
      )
      .register(paramUi, { kind: "instant", label: "From" }),
    at: instant("To"),
    queue: entities("queue", "Queues", "Only changes into or out of these queues (repeat the key); all when absent"),
  })
  .transform((p, ctx) => {
    const since =
      p.since === undefined || p.since === ""
        ? new Date(p.at.getTime() - DAY_MS)
        : parseInstant(p.since, config().LOOKBACK_TZ);
    if (!since) {
      ctx.addIssue({
        code: "custom",
        path: ["since"],
        message: "must be an instant like 2026-11-03T03:00:00Z or 2026-11-03T03:00",
      });
      return z.NEVER;
    }
    if (since.getTime() >= p.at.getTime()) {
      ctx.addIssue({ code: "custom", path: ["since"], message: "must be before `at`" });
      return z.NEVER;
    }
    return { since, at: p.at, queue: p.queue };
  });

export type QueueChangesParams = z.output<typeof queueChangesParams>;

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
