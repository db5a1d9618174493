import "server-only";
import { sql } from "kysely";
import type { User } from "../../../auth/roles";
import type { Freshness } from "../../../db/freshness";
import { readOnly } from "../../../db/read-only";
import type { Helpdesk } from "../../../db/types";
import { rangeInstants } from "../../../params/dates";
import { scorecardRows } from "../query";
import type { ScorecardRow } from "../row";
import { type ScopedTech, techsInScope } from "../scope";
import {
  type ActDetail,
  activityByHour,
  actsOnTickets,
  type FirstReply,
  firstRepliesOf,
  type HeatCell,
} from "./activity";

export interface TechPageData {
  tech: ScopedTech;
  /** The tech's scorecard row; null when they did nothing in the range. */
  row: ScorecardRow | null;
  /** The scorecard rows of the tech's team (including the tech), for the medians; empty when the caller may not see them. */
  teamRows: ScorecardRow[];
  heat: HeatCell[];
  acts: ActDetail[];
  firstReplies: FirstReply[];
  freshness: Freshness;
}

/**
 * Everything one tech's page shows over the days [from, to], read in one
 * read-only snapshot of the helpdesk replica. Null when there is no such
 * login or the caller may not see this tech (the same role rules as the
 * scorecard, in SQL), so the page cannot tell the two apart. A tech sees
 * their own page without the team beside them: they may see no one else's numbers.
 */
export function loadTechPage(
  login: string,
  range: { from: string; to: string },
  user: User,
  timeZone: string,
): Promise<TechPageData | null> {
  const { start, end } = rangeInstants(range.from, range.to, timeZone);
  return readOnly<Helpdesk, TechPageData | null>(
    "helpdesk",
    { label: "tech-scorecard:tech", repeatable: true },
    async ({ db, freshness }) => {
      const found = await sql<{ id: number }>`SELECT id FROM techs WHERE login = ${login}`.execute(db);
      const id = found.rows[0]?.id;
      if (id === undefined) return null;
      const [tech] = await techsInScope(db, end, { tech: id }, user);
      if (!tech) return null;
      const withTeam = user.role !== "tech" && tech.team_id !== null;
      const rows = await scorecardRows(
        db,
        user,
        withTeam ? { team: tech.team_id ?? undefined } : { tech: id },
        range,
        timeZone,
      );
      return {
        tech,
        row: rows.find((r) => r.tech_id === id) ?? null,
        teamRows: withTeam ? rows : [],
        heat: await activityByHour(db, id, tech.timezone, start, end),
        acts: await actsOnTickets(db, id, start, end),
        firstReplies: await firstRepliesOf(db, id, start, end),
        freshness,
      };
    },
  );
}
