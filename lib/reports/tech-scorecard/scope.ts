import "server-only";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { User } from "../../auth/roles";
import type { Helpdesk } from "../../db/types";
import { teamNameInForce } from "../../sql/helpdesk/team-name";

/** A tech the caller may see, with the team the scorecard files them under. */
export interface ScopedTech {
  tech_id: number;
  login: string;
  full_name: string;
  office_id: number;
  /** The office's IANA zone: after-hours and the heat map are judged in it. */
  timezone: string;
  team_id: number | null;
  /** The team's name in force at the end of the range. */
  team: string | null;
}

export interface ScopeFilter {
  team?: number;
  teamName?: string;
  tech?: number;
}

/**
 * The techs a scorecard may show: those matching the filters and the caller's
 * role, each with their team at the end of the range. A tech's team is their
 * last membership that began before the end of the range: the team they
 * ended the range in, or, for a tech who left (or is between teams), the
 * last team they had. Its name is the one in force at the end of the range.
 * Roles are enforced here, in SQL: a lead sees the techs of the teams they
 * lead (by that same end-of-range team), a tech sees only themselves.
 */
export async function techsInScope(
  db: Kysely<Helpdesk>,
  end: Date,
  filter: ScopeFilter,
  user: User,
): Promise<ScopedTech[]> {
  const result = await sql<ScopedTech>`
    WITH membership AS (
      SELECT DISTINCT ON (m.tech_id) m.tech_id, m.team_id
      FROM team_members m
      WHERE m.valid_from < ${end}
      ORDER BY m.tech_id, m.valid_from DESC, m.team_id DESC
    )
    SELECT t.id AS tech_id, t.login, t.full_name, t.office_id, o.timezone, m.team_id,
           ${teamNameInForce(sql<number>`m.team_id`, end, "before")} AS team
    FROM techs t
    JOIN offices o ON o.id = t.office_id
    LEFT JOIN membership m ON m.tech_id = t.id
    WHERE (${filter.tech ?? null}::int IS NULL OR t.id = ${filter.tech ?? null}::int)
      AND (${filter.team ?? null}::int IS NULL OR m.team_id = ${filter.team ?? null}::int)
      AND (${filter.teamName ?? null}::text IS NULL OR EXISTS (
            SELECT 1 FROM team_names x
            WHERE x.team_id = m.team_id AND lower(x.name) = lower(${filter.teamName ?? null}::text)))
      AND ${visibleTo(user)}
    ORDER BY t.id`.execute(db);
  return result.rows;
}

/** Whether the scope is every tech there is: the scorecard can then read activity without a tech filter. */
export function isUnrestricted(filter: ScopeFilter, user: User): boolean {
  return (
    user.role === "manager" && filter.team === undefined && filter.teamName === undefined && filter.tech === undefined
  );
}

function visibleTo(user: User): RawBuilder<boolean> {
  switch (user.role) {
    case "manager":
      return sql<boolean>`true`;
    case "lead":
      return sql<boolean>`m.team_id = ANY(${user.teamIds}::int[])`;
    case "tech":
      // A tech account not linked to a helpdesk tech sees nobody's numbers.
      return user.techId === undefined ? sql<boolean>`false` : sql<boolean>`t.id = ${user.techId}::int`;
  }
}
