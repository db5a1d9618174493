import { formatDuration } from "../../../ui/format";
import { Scrollable } from "../../../ui/Scrollable";
import { TicketNumber } from "../../../ui/ticket-link";
import { localTime } from "./local-time";
import type { FirstReply } from "./query";

/** The tickets created in the range that got their first reply from this tech, and how long it took. */
export function FirstReplyList({ replies, timeZone }: { replies: FirstReply[]; timeZone: string }) {
  if (replies.length === 0)
    return <p className="muted">No ticket created in the range got its first reply from this tech.</p>;
  return (
    <Scrollable label="First replies" className="table-wrap" style={{ maxHeight: "24rem" }}>
      <table className="results" aria-label="First replies">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Subject</th>
            <th scope="col">Created ({timeZone})</th>
            <th scope="col">First reply ({timeZone})</th>
            <th scope="col" className="num">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {replies.map((r) => (
            <tr key={r.ticket_id}>
              <td>
                <TicketNumber id={r.ticket_id} />
              </td>
              <td>{r.subject}</td>
              <td>{localTime(r.ticket_created_at, timeZone)}</td>
              <td>{localTime(r.replied_at, timeZone)}</td>
              <td className="num">{formatDuration(r.minutes * 60)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrollable>
  );
}
