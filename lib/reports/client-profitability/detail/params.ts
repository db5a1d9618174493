import { z } from "zod";
import { checkRange } from "../../../params/fields";
import { type ClientKey, parseClientKey } from "../client-key";
import { profitabilityFields } from "../params";

/** The drill-down's parameters: the report's range and scope, and which client (from the page's path). */
export const clientDetailParams = z
  .object({
    ...profitabilityFields,
    client: z
      .string()
      .transform((text, ctx): ClientKey => {
        const key = parseClientKey(text);
        if (!key) {
          ctx.addIssue({ code: "custom", message: "must be a billing account number or customer-{id}" });
          return z.NEVER;
        }
        return key;
      })
      .describe("A billing account number, or customer-{id} for a helpdesk customer without one"),
  })
  .superRefine(checkRange);

export type ClientDetailParams = z.output<typeof clientDetailParams>;
