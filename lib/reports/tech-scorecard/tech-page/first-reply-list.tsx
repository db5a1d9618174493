import { formatDuration } from "../../../ui/format";
import type { FirstReply } from "./activity";
import { localTime } from "./local-time";

/** The tickets created in the range that got their first reply from this tech, and how long it took. */
export function FirstReplyList({ replies, zone }: { replies: FirstReply[]; zone: string }) {
  if (replies.length === 0)
    return <p className="muted">No ticket created in the range got its first reply from this tech.</p>;
  return (
    <div className="table-wrap" style={{ maxHeight: "24rem" }}>
      <table className="results" aria-label="First replies">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Subject</th>
            <th scope="col">Created</th>
            <th scope="col">First reply</th>
            <th scope="col" className="num">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {replies.map((r) => (
            <tr key={r.ticket_id}>
              <td>#{r.ticket_id}</td>
              <td>{r.subject}</td>
              <td>{localTime(r.ticket_created_at, zone)}</td>
              <td>{localTime(r.replied_at, zone)}</td>
              <td className="num">{formatDuration(r.minutes * 60)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
