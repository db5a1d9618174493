import type { ExecutedQuery } from "../reports/run";
import { DataDetails } from "./DataDetails";
import { shown } from "./parameters";

/**
 * The exact statements a run sent and their bound parameters, to check a
 * number by hand. Drawn only when opened (DataDetails): a heavy run's SQL is
 * tens of KB that would otherwise be in the page's HTML as well as its payload.
 */
export function SqlView({ queries }: { queries: ExecutedQuery[] }) {
  if (queries.length === 0) return null;
  return (
    <DataDetails
      className="sql"
      summary={`View SQL (${queries.length} ${queries.length === 1 ? "statement" : "statements"})`}
    >
      {queries.map((q, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: statements have no identity beyond their order
        <div key={i}>
          <p className="muted">
            {q.source} · {q.durationMs} ms
          </p>
          <pre>{q.sql.trim()}</pre>
          <pre>{`-- parameters\n${q.parameters.map((p, n) => `$${n + 1} = ${shown(p)}`).join("\n")}`}</pre>
        </div>
      ))}
    </DataDetails>
  );
}
