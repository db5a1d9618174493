import { z } from "zod";
import { paramUi } from "../../params/ui";

export const RENEWAL_FILTERS = ["none", "started"] as const;

/** Optional: only certificates whose renewal has not started, or only those whose renewal has. */
const renewal = z
  .enum(RENEWAL_FILTERS, { error: `must be one of: ${RENEWAL_FILTERS.join(", ")}` })
  .optional()
  .describe(
    "none: only certificates nobody has started renewing; started: only those with a renewal on the way; both when absent",
  )
  .register(paramUi, {
    kind: "choice",
    label: "Renewal",
    options: [
      { value: "", label: "Started or not" },
      { value: "none", label: "Not started" },
      { value: "started", label: "Started" },
    ],
  });

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
  renewal,
});

export type ExpiringParams = z.output<typeof expiringParams>;
