import { z } from "zod";
import { checkRange, dateRange } from "../../../params/fields";

/** The one-tech page's query string: the same days as the scorecard it was opened from. */
export const techPageParams = z.object({ ...dateRange("last-30-days") }).superRefine(checkRange);
