import { z } from "zod";
import { entities, instant } from "../../params/fields";

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
