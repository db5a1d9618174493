"use client";

import Link from "next/link";
import { formatCell } from "../../../ui/format";
import { scorecardColumns } from "../columns";
import { COMPARED, type Compared, type ComparedTeam, deviation, isFlagged } from "../comparison";
import { techPageHref } from "../tech-href";
import { deviationClass } from "./deviation";
import { FlagBadge } from "./flag-badge";
import styles from "./view.module.css";

const COLUMNS = COMPARED.map((key) => {
  const column = scorecardColumns.find((c) => c.key === key);
  if (!column) throw new Error(`tech-scorecard has no column ${key}`);
  return column;
});

/**
 * One team's techs beside the team median: a cell is tinted when the tech's
 * value is at least double (amber) or at most half (blue) the median, with
 * the multiple written under it; teams under 3 techs are shown untinted. A
 * client component: its props are numbers, where the rows drawn on the
 * server crossed as markup (about 2 KB a tech in the page's payload).
 */
export function ComparisonTable({ group, range }: { group: ComparedTeam; range: { from: string; to: string } }) {
  return (
    <div className="table-wrap" style={{ maxHeight: "none", margin: "0.75rem 0" }}>
      <table className={styles.compare} aria-label={`${group.team}: techs beside the team median`}>
        <caption className="muted" style={{ textAlign: "left", padding: "0.4rem 0.55rem", fontWeight: 600 }}>
          {group.team} · {group.techs} {group.techs === 1 ? "tech" : "techs"}
          {!group.compared && " · too few techs to compare with a median"}
          {group.shown.length < group.techs &&
            ` · the ${group.shown.length} furthest from the median shown (flagged first); the table below lists every tech`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Tech</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="num" title={c.description}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.shown.map((row) => (
            <tr key={row.tech_id} className={isFlagged(row) ? styles.flagged : undefined}>
              <th scope="row">
                <Link href={techPageHref(row.login, range)}>{row.full_name}</Link>{" "}
                <span className="muted">{row.login}</span> {isFlagged(row) && <FlagBadge row={row} />}
              </th>
              {COLUMNS.map((c) => (
                <ComparedCell
                  key={c.key}
                  column={c}
                  value={row[c.key as Compared]}
                  median={group.medians[c.key as Compared]}
                  compared={group.compared}
                />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Team median</td>
            {COLUMNS.map((c) => (
              <td key={c.key} className="num">
                {formatCell(group.medians[c.key as Compared], c)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ComparedCell({
  column,
  value,
  median,
  compared,
}: {
  column: (typeof COLUMNS)[number];
  value: string | number | null;
  median: number | null;
  compared: boolean;
}) {
  const n = value === null ? null : Number(value);
  const dev = compared ? deviation(n, median) : null;
  const className = `num ${deviationClass(dev)}`.trim();
  return (
    <td className={className} data-deviation={dev ?? undefined}>
      {formatCell(value, column)}
      {dev && n !== null && (
        <span className={styles.ratio}>{median ? `×${(n / median).toFixed(1)} median` : "median 0"}</span>
      )}
    </td>
  );
}
