import { z } from "zod";
import { config } from "../../db/config";
import { entities, instant, parseInstant } from "../../params/fields";
import { paramUi } from "../../params/ui";

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
