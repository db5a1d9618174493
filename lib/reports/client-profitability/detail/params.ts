import { z } from "zod";
import { checkRange } from "../../../params/fields";
import { known } from "../../../params/known";
import { type ClientKey, formatClientKey, parseClientKey } from "../client-key";
import { profitabilityFields } from "../params";

/** The drill-down's parameters: the report's range and scope, and which client (from the page's path). */
export const clientDetailParams = z
  .object({
    ...profitabilityFields,
    // From the page's path: one that names no account and no customer is a 404.
    client: known(
      z
        .string()
        .transform((text, ctx): ClientKey => {
          const key = parseClientKey(text);
          if (!key) {
            ctx.addIssue({ code: "custom", message: "must be a billing account number or customer-{id}" });
            return z.NEVER;
          }
          // Its text again when written back to a URL (the canonical query, the cache key, the audit line).
          return Object.assign(key, { toString: () => formatClientKey(key) });
        })
        .describe("A billing account number, or customer-{id} for a helpdesk customer without one"),
      "client",
      { path: true },
    ),
  })
  .superRefine(checkRange);

export type ClientDetailParams = z.output<typeof clientDetailParams>;
