import { z } from "zod";
import { paramUi } from "../../params/ui";

/** How far ahead to look: whole days of 24 hours from now, 30 unless said. */
export const expiringParams = z.object({
  days: z.coerce
    .number({ error: "must be a whole number of days" })
    .int({ error: "must be a whole number of days" })
    .min(1, { error: "must be at least 1 day" })
    .max(366, { error: "must be at most 366 days" })
    .default(30)
    .describe("Certificates whose not_after falls within this many days from now (1 to 366; default 30)")
    .register(paramUi, { kind: "integer", label: "Days ahead" }),
});

export type ExpiringParams = z.output<typeof expiringParams>;
