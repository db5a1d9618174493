import Link from "next/link";
import { DataDetails } from "../../../ui/DataDetails";
import type { ViewProps } from "../../types";
import { bareCreditShare, comparedTeam, groupByTeam, isFlagged, type TeamGroup } from "../comparison";
import type { ScorecardParams } from "../params";
import type { ScorecardRow } from "../row";
import { techPageHref } from "../tech-href";
import { ComparisonTable } from "./comparison-table";
import { CreditVsWorkChart } from "./credit-vs-work-chart";
import { DeviationLegend } from "./deviation";
import { MEASURES, type WorkPoint } from "./measures";
import styles from "./view.module.css";

/**
 * Up to this many teams, each team's comparison is shown open; more (a
 * manager's whole shop) fold into one line per team, opened on demand, so the
 * page stays short and light (the chart above already shows the outliers).
 */
const UNFOLDED_TEAMS = 3;

/**
 * The team view above the scorecard table: who is flagged for bare notes,
 * credit beside substantive work as a chart, and each team's techs beside
 * the team median with their deviations highlighted. Medians are over the
 * rows shown (techs with activity in the range), per team.
 */
export function TeamView({ params, rows }: ViewProps<ScorecardParams, ScorecardRow>) {
  if (rows.length === 0) return null;
  const groups = groupByTeam(rows);
  const flagged = rows.filter(isFlagged);
  const range = { from: params.from, to: params.to };
  return (
    <section aria-labelledby="team-view-title">
      <h2 id="team-view-title">Team view</h2>
      {flagged.length > 0 && (
        <div className="warn" role="status" aria-label="Flagged techs">
          <strong>Flagged: bare notes are a large share of the credit.</strong>{" "}
          {flagged.map((r, i) => (
            <span key={r.tech_id}>
              {i > 0 && "; "}
              <Link href={techPageHref(r.login, params)}>{r.full_name}</Link> ({r.team ?? "no team"}): {r.bare_notes}{" "}
              bare notes earn {Math.round(bareCreditShare(r) * 100)}% of {r.credit} credit
            </span>
          ))}
          .
        </div>
      )}
      <CreditVsWorkChart points={groups.flatMap(chartPoints)} techs={rows.length} />
      <DeviationLegend flag />
      {groups.map((group) => {
        const table = <ComparisonTable key={group.team} group={comparedTeam(group)} range={range} />;
        if (groups.length <= UNFOLDED_TEAMS) return table;
        const flaggedHere = group.rows.filter(isFlagged).length;
        return (
          <DataDetails
            key={group.team}
            className={styles.team}
            summary={`${group.team}: ${group.rows.length} ${group.rows.length === 1 ? "tech" : "techs"}${
              flaggedHere > 0 ? `, ${flaggedHere} flagged` : ""
            }, beside the team median`}
          >
            {table}
          </DataDetails>
        );
      })}
    </section>
  );
}

function chartPoints(group: TeamGroup): WorkPoint[] {
  return group.shown.map((row) => {
    const ratios = {} as WorkPoint["ratios"];
    const shown = {} as WorkPoint["shown"];
    for (const { key } of MEASURES) {
      const mid = group.medians[key];
      ratios[key] = mid ? Math.round((Number(row[key]) / mid) * 100) / 100 : null;
      shown[key] = key === "minutes_logged" ? `${Math.round(row.minutes_logged / 6) / 10} h` : String(row[key]);
    }
    return { label: `${row.login}${isFlagged(row) ? " ⚑" : ""}`, ratios, shown };
  });
}
