import Decimal from "decimal.js";
import { median } from "../../ui/table-model";
import type { ScorecardRow } from "./row";

/** The columns a tech is compared on with their team's median. */
export const COMPARED = [
  "public_replies",
  "internal_notes",
  "credit",
  "bare_notes",
  "minutes_logged",
  "tickets_touched",
  "tickets_resolved",
  "reopened",
  "median_first_reply_minutes",
  "after_hours_share",
] as const;
export type Compared = (typeof COMPARED)[number];

export type TeamMedians = Record<Compared, number | null>;

/**
 * How far a value is from the team median before it is highlighted: at least
 * double, or at most half (a median of 0 makes any positive value "above").
 * A team of fewer than 3 techs has no meaningful middle, so nothing is highlighted.
 */
export const DEVIATION_FACTOR = 2;
export const MIN_TEAM_SIZE = 3;

/**
 * The flag for gamed credit: at least 5 bare notes, and bare notes at least
 * half the credit. Each bare note is worth half a point, so flagged techs get
 * a quarter or more of their score from empty notes; a steady worker gets a
 * few percent. The 5 keeps one stray note on a quiet day from raising it.
 */
export const FLAG_MIN_BARE_NOTES = 5;

export function isFlagged(row: Pick<ScorecardRow, "bare_notes" | "credit">): boolean {
  return row.bare_notes >= FLAG_MIN_BARE_NOTES && new Decimal(row.bare_notes).times(2).gte(new Decimal(row.credit));
}

/** The share of the credit that bare notes earned (each is half a point), 0 to 1. */
export function bareCreditShare(row: Pick<ScorecardRow, "bare_notes" | "credit">): number {
  const credit = new Decimal(row.credit);
  return credit.isZero() ? 0 : new Decimal(row.bare_notes).div(2).div(credit).toNumber();
}

/** The team's median of each compared column over the rows given (nulls left out). */
export function teamMedians(rows: readonly ScorecardRow[]): TeamMedians {
  const out = {} as TeamMedians;
  for (const key of COMPARED) {
    const values = rows.map((r) => r[key]).filter((v): v is string | number => v !== null);
    out[key] = median(values.map(Number));
  }
  return out;
}

export type Deviation = "above" | "below" | null;

/** Whether `value` stands out from the team median `mid` (see DEVIATION_FACTOR). */
export function deviation(value: number | null, mid: number | null): Deviation {
  if (value === null || mid === null) return null;
  if (mid === 0) return value > 0 ? "above" : null;
  if (value >= mid * DEVIATION_FACTOR) return "above";
  if (value <= mid / DEVIATION_FACTOR) return "below";
  return null;
}

export interface TeamGroup {
  team: string;
  rows: ScorecardRow[];
  medians: TeamMedians;
  /** Whether deviations are shown at all (enough techs for a median to mean something). */
  compared: boolean;
  /** The techs the team view lists (shownOf): every one of a small team. */
  shown: ScorecardRow[];
}

/** The rows grouped by team, in the rows' order, each with its medians over all its techs. */
export function groupByTeam(rows: readonly ScorecardRow[]): TeamGroup[] {
  const groups = new Map<string, ScorecardRow[]>();
  for (const row of rows) {
    const team = row.team ?? "No team";
    const members = groups.get(team);
    if (members) members.push(row);
    else groups.set(team, [row]);
  }
  const cap = shownPerTeam(groups.size);
  return [...groups].map(([team, members]) => {
    const group = { team, rows: members, medians: teamMedians(members), compared: members.length >= MIN_TEAM_SIZE };
    return { ...group, shown: shownOf(group, cap) };
  });
}

/**
 * A team view lists at most 20 techs of one team, and about 30 in all (at
 * least 5 a team). A lead's team fits; a whole shop's teams (225 techs each
 * at scale 36) put every tech on the page twice, beside the scorecard's own
 * table (3.6 MB of page), 20 of each of six teams still weighed 315 KB of
 * the page's 593 KB, and 10 each about 70 KB of 185 KB: 5 each now (the
 * flagged and those furthest from the median; the table lists everyone).
 */
export const SHOWN_PER_TEAM = 20;
const SHOWN_IN_ALL = 30;

export function shownPerTeam(teams: number): number {
  return Math.max(5, Math.min(SHOWN_PER_TEAM, Math.floor(SHOWN_IN_ALL / Math.max(1, teams))));
}

/**
 * The techs of a larger team worth a look beside its median: the flagged
 * first, then those off the median (at least double or at most half) on the
 * most measures, at most `cap`, in the rows' order. The scorecard's table
 * below lists every tech.
 */
export function shownOf(group: Omit<TeamGroup, "shown">, cap = SHOWN_PER_TEAM): ScorecardRow[] {
  if (group.rows.length <= cap) return group.rows;
  const off = (row: ScorecardRow) =>
    group.compared
      ? COMPARED.filter((key) => {
          const value = row[key];
          return deviation(value === null ? null : Number(value), group.medians[key]) !== null;
        }).length
      : 0;
  const score = (row: ScorecardRow) => (isFlagged(row) ? COMPARED.length + 1 : 0) + off(row);
  return group.rows
    .map((row, i) => ({ row, i, score: score(row) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, cap)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.row);
}

/** A tech as the comparison needs them: who, and the compared numbers. */
export type ComparedTech = Pick<ScorecardRow, "tech_id" | "login" | "full_name" | Compared>;

/** A team's comparison as it crosses to the browser: the shown techs' numbers, not their whole rows. */
export interface ComparedTeam extends Pick<TeamGroup, "team" | "medians" | "compared"> {
  techs: number;
  shown: ComparedTech[];
}

/** The comparison of a team: only what the table draws (a row's markup is made in the browser, not sent). */
export function comparedTeam(group: TeamGroup): ComparedTeam {
  const pick = (row: ScorecardRow): ComparedTech => {
    const tech = { tech_id: row.tech_id, login: row.login, full_name: row.full_name } as ComparedTech;
    for (const key of COMPARED) (tech as Record<Compared, unknown>)[key] = row[key];
    return tech;
  };
  const { team, medians, compared } = group;
  return { team, medians, compared, techs: group.rows.length, shown: group.shown.map(pick) };
}
