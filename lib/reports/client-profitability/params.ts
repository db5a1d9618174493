import { z } from "zod";
import { checkRange, choice, dateRange } from "../../params/fields";

/** The product categories each scope counts as revenue. */
export const SCOPE_CATEGORIES = {
  support: ["support_retainer", "support_hourly"],
  all: null,
} as const satisfies Record<string, readonly string[] | null>;

export const SCOPES = ["support", "all"] as const;
export type Scope = (typeof SCOPES)[number];

/** The fields of the report's parameters, shared with the drill-down's. */
export const profitabilityFields = {
  ...dateRange("last-month"),
  scope: choice(
    SCOPES,
    "Revenue",
    "Which invoice lines count as revenue: support products (retainer and hourly, the default) or every product",
    { support: "Support products", all: "All products" },
  ).default("support"),
};

export const profitabilityParams = z.object(profitabilityFields).superRefine(checkRange);

export type ProfitabilityParams = z.output<typeof profitabilityParams>;
