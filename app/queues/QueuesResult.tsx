import type { User } from "@/lib/auth/roles";
import { config } from "@/lib/db/config";
import { runForPage } from "@/lib/reports/page-run";
import { queueTimeTravel } from "@/lib/reports/queue-time-travel/report";
import type { Column } from "@/lib/reports/types";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { ResultTable } from "@/lib/ui/ResultTable";
import { RunFacts } from "@/lib/ui/RunFacts";
import { SqlView } from "@/lib/ui/SqlView";
import { statusLabel } from "@/lib/ui/status-label";
import { toTableColumn } from "@/lib/ui/table-model";
import { Invalid } from "./Invalid";
import { QueuesAtView } from "./QueuesAtView";
import type { QueuesPageState } from "./view-params";

/**
 * Runs queue-time-travel through runForPage (the same prepare(), run, cache
 * and audit line as its report page and API) and shows it with its view.
 */
export async function QueuesResult({ state, user }: { state: QueuesPageState; user: User }) {
  const input = { at: state.at.toISOString(), queue: state.queue.map(String) };
  const result = await runForPage(queueTimeTravel, input, user);
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  if (result.kind === "invalid") return <Invalid issues={result.issues} />;
  const { run, canonical } = result;
  const params = { at: state.at, queue: [...state.queue] };
  return (
    <section aria-label="Result">
      <RunFacts
        durationMs={run.durationMs}
        rowCount={run.rows.length}
        cached={run.cached}
        sources={run.sources}
        lagWarnSeconds={config().LOOKBACK_LAG_WARN_SECONDS}
      />
      <QueuesAtView
        at={state.at}
        queue={params.queue}
        rows={run.rows}
        truncated={run.truncated}
        user={user}
        basePath="/queues"
        span={state.span}
        since={state.since}
        withControls={false}
      />
      {run.rows.length === 0 ? (
        <p className="empty">
          No ticket was in {params.queue.length > 0 ? "these queues" : "the queues"} at that instant.
        </p>
      ) : (
        <ResultTable
          columns={(queueTimeTravel.columns as unknown as Column[]).map(toTableColumn)}
          rows={run.rows.map((r) => ({ ...r, status: statusLabel(r.status) }))}
          caption={queueTimeTravel.title}
        />
      )}
      <p className="toolbar">
        <a className="button secondary" href={`/api/reports/${queueTimeTravel.id}?${canonical}&format=csv`} download>
          Export CSV
        </a>
        <a className="button secondary" href={`/api/reports/${queueTimeTravel.id}?${canonical}`}>
          JSON
        </a>
      </p>
      <SqlView queries={run.queries} />
    </section>
  );
}
