import { IN_QUEUE_STATUSES } from "@/lib/sql/helpdesk/statuses";
import { formatDuration } from "../../../ui/format";
import type { QueueTicketRow } from "../query";

interface QueueLine {
  queueId: number | null;
  queue: string;
  team: string | null;
  byStatus: Record<string, number>;
  total: number;
}

/** Counts per queue and status at T, with each queue's team under its name then: worked out from the rows themselves. */
export function QueueCounts({ rows, truncated }: { rows: QueueTicketRow[]; truncated: boolean }) {
  const lines = countByQueue(rows);
  const totals = Object.fromEntries(IN_QUEUE_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  const unassigned = rows.filter((r) => r.assignee === null).length;
  const oldest = rows.reduce((max, r) => Math.max(max, r.age_seconds), 0);
  return (
    <section aria-labelledby="queue-counts">
      <h2 id="queue-counts">In the queues</h2>
      {truncated && (
        <p className="warn" role="status">
          More tickets were in the queues than the row cap: these counts cover the rows shown only.
        </p>
      )}
      <div className="tiles">
        <div className="tile">
          <div className="tile-label">Tickets in the queues</div>
          <div className="tile-value" data-testid="total-in-queues">
            {rows.length.toLocaleString("en-US")}
          </div>
        </div>
        <div className="tile">
          <div className="tile-label">Unassigned</div>
          <div className="tile-value">{unassigned.toLocaleString("en-US")}</div>
        </div>
        <div className="tile">
          <div className="tile-label">Oldest</div>
          <div className="tile-value">{rows.length > 0 ? formatDuration(oldest) : "—"}</div>
        </div>
      </div>
      <div className="table-wrap">
        <table className="results" aria-label="Tickets per queue and status">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Team</th>
              {IN_QUEUE_STATUSES.map((s) => (
                <th key={s} scope="col" className="num">
                  {s.replace("_", " ")}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.queueId ?? "none"}>
                <th scope="row">{line.queue}</th>
                <td>{line.team ?? "—"}</td>
                {IN_QUEUE_STATUSES.map((s) => (
                  <td key={s} className="num">
                    {line.byStatus[s] ?? 0}
                  </td>
                ))}
                <td className="num">{line.total}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>All queues</td>
              {IN_QUEUE_STATUSES.map((s) => (
                <td key={s} className="num">
                  {totals[s]}
                </td>
              ))}
              <td className="num">{rows.length}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function countByQueue(rows: QueueTicketRow[]): QueueLine[] {
  const lines = new Map<number | null, QueueLine>();
  for (const r of rows) {
    const line = lines.get(r.queue_id) ?? {
      queueId: r.queue_id,
      queue: r.queue ?? "(no queue)",
      team: r.team,
      byStatus: {},
      total: 0,
    };
    line.byStatus[r.status] = (line.byStatus[r.status] ?? 0) + 1;
    line.total++;
    lines.set(r.queue_id, line);
  }
  return [...lines.values()].sort((a, b) => b.total - a.total || a.queue.localeCompare(b.queue));
}
