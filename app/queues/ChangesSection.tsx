import "server-only";
import type { User } from "@/lib/auth/roles";
import { runForPage } from "@/lib/reports/page-run";
import { type QueueChangeRow, queueChanges } from "@/lib/reports/queue-changes/report";
import type { Column } from "@/lib/reports/types";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { Instant } from "@/lib/ui/Instant";
import { ResultTable } from "@/lib/ui/ResultTable";
import { statusLabel } from "@/lib/ui/status-label";
import { toTableColumn } from "@/lib/ui/table-model";
import { Invalid } from "./Invalid";

interface QueueFlow {
  queue: string;
  created: number;
  reopened: number;
  movedIn: number;
  movedOut: number;
  left: Record<string, number>;
}

const LEFT_REASONS = ["resolved", "closed", "merged", "deleted"] as const;

/** What changed between `since` and T, from the queue-changes report: per queue, then ticket by ticket. */
export async function ChangesSection({
  since,
  at,
  queue,
  user,
}: {
  since: Date;
  at: Date;
  queue: number[];
  user: User;
}) {
  // A sub-report of the page, run by runForPage: the role check, the lane, the cache, the audit line.
  const input = { since: since.toISOString(), at: at.toISOString(), queue: queue.map(String) };
  const result = await runForPage(queueChanges, input, user);
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  if (result.kind === "invalid") return <Invalid issues={result.issues} />;
  const { rows, truncated } = result.run;
  const flows = flowsByQueue(rows);
  return (
    <section aria-labelledby="queue-changes">
      <h2 id="queue-changes">
        What changed since <Instant value={since} />
      </h2>
      {truncated && (
        <p className="warn" role="status">
          More changes than the row cap: the figures cover the rows shown only.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty">No ticket entered, left or changed queue between the two instants.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="results" aria-label="Changes per queue">
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col" className="num">
                    Created
                  </th>
                  <th scope="col" className="num">
                    Reopened
                  </th>
                  <th scope="col" className="num">
                    Moved in
                  </th>
                  <th scope="col" className="num">
                    Moved out
                  </th>
                  {LEFT_REASONS.map((r) => (
                    <th key={r} scope="col" className="num">
                      {r[0]?.toUpperCase()}
                      {r.slice(1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {flows.map((f) => (
                  <tr key={f.queue}>
                    <th scope="row">{f.queue}</th>
                    <td className="num">{f.created}</td>
                    <td className="num">{f.reopened}</td>
                    <td className="num">{f.movedIn}</td>
                    <td className="num">{f.movedOut}</td>
                    {LEFT_REASONS.map((r) => (
                      <td key={r} className="num">
                        {f.left[r] ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>
              The {rows.length.toLocaleString("en-US")} {rows.length === 1 ? "ticket" : "tickets"}, one by one
            </summary>
            <ResultTable
              columns={(queueChanges.columns as unknown as Column[]).map(toTableColumn)}
              rows={rows.map((r) => ({
                ...r,
                status_before: statusLabel(r.status_before),
                status_after: statusLabel(r.status_after),
              }))}
              caption={queueChanges.title}
            />
          </details>
        </>
      )}
    </section>
  );
}

function flowsByQueue(rows: QueueChangeRow[]): QueueFlow[] {
  const flows = new Map<string, QueueFlow>();
  const flow = (queue: string | null) => {
    const name = queue ?? "(no queue)";
    const f = flows.get(name) ?? { queue: name, created: 0, reopened: 0, movedIn: 0, movedOut: 0, left: {} };
    flows.set(name, f);
    return f;
  };
  for (const r of rows) {
    if (r.change === "arrived") {
      if (r.reason === "created") flow(r.to_queue).created++;
      else flow(r.to_queue).reopened++;
    } else if (r.change === "moved") {
      flow(r.to_queue).movedIn++;
      flow(r.from_queue).movedOut++;
    } else {
      const f = flow(r.from_queue);
      f.left[r.reason] = (f.left[r.reason] ?? 0) + 1;
    }
  }
  return [...flows.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}
