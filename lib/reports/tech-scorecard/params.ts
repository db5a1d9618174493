import { z } from "zod";
import { checkRange, dateRange, entity } from "../../params/fields";
import { paramUi } from "../../params/ui";

/**
 * Any name the team has ever had (past, current or later), matched whole and
 * ignoring case: "team x" finds the team now called "N-1". Whole names, not
 * substrings, because short codes overlap ("n-1" is inside "Division-1").
 * The shared `text` kind is always required, so this one is built here.
 */
const teamName = z
  .string()
  .trim()
  .max(200, { error: "must be at most 200 characters" })
  .optional()
  .transform((name) => (name === "" ? undefined : name))
  .describe("Only techs whose team (at the end of the range) has ever had this name, whole name, any case")
  .register(paramUi, {
    kind: "text",
    label: "Team name (any, old or new)",
    placeholder: "e.g. Team X",
    maxLength: 200,
  });

export const scorecardParams = z
  .object({
    ...dateRange("last-30-days"),
    team: entity("team", "Team", "Only techs whose team at the end of the range is this one"),
    team_name: teamName,
    tech: entity("tech", "Tech", "Only this tech"),
  })
  .superRefine(checkRange);

export type ScorecardParams = z.output<typeof scorecardParams>;
