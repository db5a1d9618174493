import { formatCell } from "../../../ui/format";
import { Scrollable } from "../../../ui/Scrollable";
import { scorecardColumns } from "../columns";
import { COMPARED, type Compared, deviation, MIN_TEAM_SIZE, teamMedians } from "../comparison";
import type { ScorecardRow } from "../row";
import { DeviationLegend, deviationClass } from "../view/deviation";
import styles from "./tech-page.module.css";

/**
 * The tech's numbers beside their team's median (over the team's techs with
 * activity in the range), with how many times the median each one is. Tinted
 * as the scorecard tints them: only in a team of MIN_TEAM_SIZE techs or more,
 * where a median says something.
 */
export function BesideTeam({ row, teamRows, team }: { row: ScorecardRow; teamRows: ScorecardRow[]; team: string }) {
  const medians = teamMedians(teamRows);
  const compared = teamRows.length >= MIN_TEAM_SIZE;
  return (
    // A narrow screen scrolls the table, not the page.
    <>
      <Scrollable label={`Beside the ${team} median`}>
        <table className={styles.compare} aria-label={`Beside the ${team} median`}>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                {row.login}
              </th>
              <th scope="col" className="num">
                {team} median ({teamRows.length} {teamRows.length === 1 ? "tech" : "techs"})
              </th>
              <th scope="col" className="num">
                × median
              </th>
            </tr>
          </thead>
          <tbody>
            {COMPARED.map((key) => {
              const column = scorecardColumns.find((c) => c.key === key);
              if (!column) return null;
              const value = row[key as Compared];
              const mid = medians[key];
              const n = value === null ? null : Number(value);
              const dev = compared ? deviation(n, mid) : null;
              return (
                <tr key={key}>
                  <th scope="row" title={column.description}>
                    {column.label}
                  </th>
                  <td className="num">{formatCell(value, column)}</td>
                  <td className="num">{formatCell(mid, column)}</td>
                  <td className={`num ${deviationClass(dev)}`.trim()}>
                    {n !== null && mid ? `×${(n / mid).toFixed(1)}` : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Scrollable>
      <DeviationLegend />
    </>
  );
}
