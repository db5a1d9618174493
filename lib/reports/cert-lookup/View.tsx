import type { ViewProps } from "../types";
import { LiveSearch } from "./LiveSearch";
import type { LookupParams } from "./params";
import type { LookupResultRow } from "./report";
import { searchNote } from "./search-note";

/**
 * Above the table on the shared report page: makes its search box live, and
 * says how the rows matched (the table is ranked by that, best first).
 */
export function LookupView({ rows, params }: ViewProps<LookupParams, LookupResultRow>) {
  return (
    <>
      <LiveSearch inputId="param-q" />
      <p className="muted" role="status">
        {searchNote(
          params.q,
          rows.map((r) => r.match),
        )}
      </p>
    </>
  );
}
