import { rangeInstants } from "../../params/dates";
import type { QueryContext } from "../types";
import type { ScorecardParams } from "./params";
import type { ScorecardRow } from "./row";
import { scorecardRows } from "./rows";

/** The report's query: the scorecard over the parameters' days in the reporting zone, for the caller's role. */
export async function queryScorecard(
  { helpdesk, store, timeZone, limit, user, summarized }: QueryContext,
  p: ScorecardParams,
): Promise<ScorecardRow[]> {
  const { start, end } = rangeInstants(p.from, p.to, timeZone);
  const filter = { team: p.team, teamName: p.team_name, tech: p.tech };
  const rows = await scorecardRows(helpdesk, user, filter, start, end, { store, timeZone, summarized, range: p });
  return rows.slice(0, limit);
}
