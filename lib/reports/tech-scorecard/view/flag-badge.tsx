import { bareCreditShare } from "../comparison";
import type { ScorecardRow } from "../row";

/** The red badge on a tech whose bare notes earn a large share of their credit. */
export function FlagBadge({ row }: { row: Pick<ScorecardRow, "bare_notes" | "credit"> }) {
  const share = Math.round(bareCreditShare(row) * 100);
  return (
    <span className="flag" title={`${row.bare_notes} bare notes earn ${share}% of ${row.credit} credit`}>
      Bare notes {share}% of credit
    </span>
  );
}
