import "server-only";
import { type Expression, sql } from "kysely";

/**
 * The name of a team in force at an instant: the `team_names` row with the
 * greatest `valid_from` at or before it (`bound: "at"`), or strictly before
 * it (`bound: "before"`: the name in force at the last moment of a half-open
 * range that ends there). Before the team's first name took effect, that
 * first name: a team is never shown nameless.
 */
export function teamNameInForce(
  teamId: Expression<number | null>,
  instant: Expression<Date> | Date,
  bound: "at" | "before" = "at",
) {
  const at = sql`${instant}::timestamptz`;
  const cmp = bound === "at" ? sql`<=` : sql`<`;
  return sql<string | null>`coalesce(
    (SELECT n.name FROM team_names n WHERE n.team_id = ${teamId} AND n.valid_from ${cmp} ${at}
     ORDER BY n.valid_from DESC LIMIT 1),
    (SELECT n.name FROM team_names n WHERE n.team_id = ${teamId} ORDER BY n.valid_from LIMIT 1))`;
}
