import type { TechStats } from "./query";

/** One row of the scorecard: a tech with activity in the range. */
export interface ScorecardRow extends TechStats {
  [key: string]: string | number | null;
  login: string;
  full_name: string;
  team: string | null;
}
