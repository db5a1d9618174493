import type { TechStats } from "./query";

/** One row of the scorecard: a tech with activity in the range. */
export type ScorecardRow = TechStats & {
  login: string;
  full_name: string;
  team: string | null;
};
