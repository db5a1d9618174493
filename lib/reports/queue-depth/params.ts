import { z } from "zod";
import { entities, instant } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { type DepthStep, defaultStep } from "./points";

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
