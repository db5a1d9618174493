import type { ExecutedQuery } from "../reports/run";

/** The exact statements a run sent and their bound parameters, to check a number by hand. */
export function SqlView({ queries }: { queries: ExecutedQuery[] }) {
  if (queries.length === 0) return null;
  return (
    <details className="sql">
      <summary>
        View SQL ({queries.length} {queries.length === 1 ? "statement" : "statements"})
      </summary>
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
    </details>
  );
}

/** Arrays past this many elements are shown by their start and their length: the page stays light. */
const ARRAY_SHOWN = 20;

/** A bound parameter as JSON; a long array (the history index hands thousands of ids to the replica) cut short. */
export function shown(parameter: unknown): string {
  if (!Array.isArray(parameter) || parameter.length <= ARRAY_SHOWN * 2) return JSON.stringify(parameter);
  const head = JSON.stringify(parameter.slice(0, ARRAY_SHOWN)).slice(0, -1);
  return `${head}, … ${(parameter.length - ARRAY_SHOWN).toLocaleString("en")} more]`;
}
