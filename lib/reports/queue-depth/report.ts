import { z } from "zod";
import { HOW_TICKETS_ARE_FOUND } from "../../history/describe";
import { entities, instant } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { defineReport } from "../types";
import { QueueDepthChart } from "./DepthView";
import { type DepthStep, defaultStep, depthPoints } from "./points";
import { type QueueDepthRow, queueDepth as queueDepthQuery } from "./query";

export const MAX_SPAN_DAYS = 90;

export const queueDepthParams = z
  .object({
    at: instant("Up to"),
    span: z.coerce
      .number({ error: "must be a whole number of days" })
      .int({ error: "must be a whole number of days" })
      .min(1, { error: "must be at least 1 day" })
      .max(MAX_SPAN_DAYS, { error: `must be at most ${MAX_SPAN_DAYS} days` })
      .default(7)
      .describe("How many days before the instant the series covers")
      .register(paramUi, { kind: "integer", label: "Days" }),
    step: z
      .enum(["hour", "day"], { error: "must be one of: hour, day" })
      .optional()
      .describe("The distance between points; hourly up to 14 days, daily beyond, when absent")
      .register(paramUi, {
        kind: "choice",
        label: "Every",
        options: [
          { value: "hour", label: "hour" },
          { value: "day", label: "day" },
        ],
      }),
    queue: entities("queue", "Queues", "Only these queues (repeat the key); all when absent"),
  })
  .transform((p) => ({ ...p, step: (p.step ?? defaultStep(p.span)) as DepthStep }));

export type QueueDepthParams = z.output<typeof queueDepthParams>;

export const queueDepth = defineReport({
  id: "queue-depth",
  title: "Queue depth over time",
  description:
    "How many tickets each queue held (status new, open, pending or on hold) at every hour, or every day, over the days before an " +
    "instant, rebuilt from the ticket history exactly as “Queues as they were” rebuilds one instant: the points are the instant and " +
    "every step back from it (an hour, or a day: the same time of day on the day before, in the reporting time zone), and an event exactly on a point counts at that point. Team names are the ones in " +
    "force at each point. " +
    HOW_TICKETS_ARE_FOUND,
  audience: "team leads",
  roles: ["manager", "lead", "tech"],
  params: queueDepthParams,
  sources: ["helpdesk"],
  // Long spans read every span of the window (90 days daily: seconds at ten million tickets); a week is light.
  heavy: (p) => p.span > 14,
  columns: [
    { key: "at", label: "At", type: "instant" },
    { key: "queue_id", label: "Queue id", type: "integer", hidden: true },
    { key: "queue", label: "Queue", type: "text" },
    { key: "team", label: "Team", type: "text" },
    { key: "depth", label: "Tickets", type: "integer" },
  ],
  query: (ctx, p) => queueDepthQuery(ctx, depthPoints(p.at, p.span, p.step, ctx.timeZone), p.queue),
  // One line per queue (the rows are long: one per queue and point), with its table equivalent.
  View: QueueDepthChart,
});

export type { QueueDepthRow };
