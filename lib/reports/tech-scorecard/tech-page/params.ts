import { z } from "zod";
import { checkRange, dateRange } from "../../../params/fields";
import { known } from "../../../params/known";

/**
 * The tech page's parameters: whose page (the path's login: one nobody has
 * is a 404) and the same days as the scorecard it was opened from.
 */
export const techPageParams = z
  .object({
    login: known(
      z
        .string({ error: "is required" })
        .trim()
        .min(1, { error: "is required" })
        .max(200, { error: "is too long for a login" })
        .describe("The tech's helpdesk login (from the page's path)"),
      "tech-login",
      { path: true },
    ),
    ...dateRange("last-30-days"),
  })
  .superRefine(checkRange);

export type TechPageParams = z.output<typeof techPageParams>;
