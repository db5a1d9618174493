import type { Kysely } from "kysely";
import type { User } from "../../auth/roles";
import type { Helpdesk } from "../../db/types";
import type { QueryContext } from "../types";
import { walkFor } from "./acts";
import { officeHours } from "./office-hours";
import type { ScorecardRow } from "./row";
import { isUnrestricted, type ScopedTech, type ScopeFilter, techsInScope } from "./scope";
import { scorecardStats, type TechStats } from "./stats";
import { summarizedStats } from "./summary";

/**
 * The scorecard over [start, end): the techs the caller may see that match
 * the filter, those with activity in the range, ordered by team then login.
 * A few statements in the caller's one snapshot: who is in scope, their
 * offices' hours over the range, then their numbers (for many techs, from
 * the monthly summary where it has whole months of the range).
 */
export async function scorecardRows(
  db: Kysely<Helpdesk>,
  user: User,
  filter: ScopeFilter,
  start: Date,
  end: Date,
  /** With these, many techs' whole closed months come from the monthly summary (summary.ts). */
  summaries?: Pick<QueryContext, "store" | "timeZone" | "summarized"> & { range: { from: string; to: string } },
): Promise<ScorecardRow[]> {
  const scope = await techsInScope(db, end, filter, user);
  if (scope.length === 0) return [];
  const ids = isUnrestricted(filter, user) ? "all" : scope.map((t) => t.tech_id);
  const hours = await officeHours(db, [...new Set(scope.map((t) => t.office_id))], start, end);
  const summarized =
    summaries && walkFor(ids) === "range"
      ? await summarizedStats({ helpdesk: db, ...summaries }, ids, scope, hours, summaries.range)
      : null;
  const stats = summarized ?? (await scorecardStats(db, ids, scope, hours, start, end));
  const byId = new Map(scope.map((t) => [t.tech_id, t]));
  return stats
    .flatMap((s) => {
      const tech = byId.get(s.tech_id);
      return tech ? [toRow(tech, s)] : [];
    })
    .sort(byTeamThenLogin);
}

function toRow(tech: ScopedTech, s: TechStats): ScorecardRow {
  return {
    tech_id: tech.tech_id,
    login: tech.login,
    full_name: tech.full_name,
    team: tech.team,
    public_replies: s.public_replies,
    internal_notes: s.internal_notes,
    credit: s.credit,
    bare_notes: s.bare_notes,
    minutes_logged: s.minutes_logged,
    tickets_touched: s.tickets_touched,
    tickets_resolved: s.tickets_resolved,
    reopened: s.reopened,
    median_first_reply_minutes: s.median_first_reply_minutes,
    after_hours_share: s.after_hours_share,
  };
}

/** Techs without a team sort last. */
function byTeamThenLogin(a: ScorecardRow, b: ScorecardRow): number {
  if (a.team !== b.team) {
    if (a.team === null) return 1;
    if (b.team === null) return -1;
    return a.team.localeCompare(b.team, "en");
  }
  return a.login.localeCompare(b.login, "en");
}
