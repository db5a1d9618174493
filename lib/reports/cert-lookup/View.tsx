import type { ViewProps } from "../types";
import type { LookupResultRow } from "./index";
import { LiveSearch } from "./LiveSearch";
import type { LookupParams } from "./params";

/**
 * Above the table on the shared report page: makes its search box live, and
 * says how the rows matched (the table is ranked by that, best first).
 */
export function LookupView({ rows }: ViewProps<LookupParams, LookupResultRow>) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.match, (counts.get(row.match) ?? 0) + 1);
  return (
    <>
      <LiveSearch inputId="param-q" />
      <p className="muted" role="status">
        {rows.length === 0
          ? "No certificate matches. Partial matches need at least 3 characters."
          : `By match: ${[...counts].map(([match, n]) => `${n} ${match}`).join(", ")}.`}
      </p>
    </>
  );
}
