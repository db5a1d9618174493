import { z } from "zod";
import { checkRange, choice, dateRange } from "../../params/fields";
import { SCOPES } from "../../sql/billing/revenue-scopes";

export type { Scope } from "../../sql/billing/revenue-scopes";

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
