import Link from "next/link";
import { Instant } from "../../../ui/Instant";
import styles from "./certificate.module.css";
import type { StatusChange } from "./query";
import { ticketHref } from "./ticket-href";

export interface LinkedTicket {
  id: number;
  subject: string;
  status: string;
  created_at: Date;
  /** The ticket's status changes, oldest first: its history as the helpdesk recorded it. */
  history: StatusChange[];
}

/** The certificate's ticket and its status history as the helpdesk recorded it. */
export function TicketSection({ ticket, timeZone }: { ticket: LinkedTicket | null; timeZone: string }) {
  if (!ticket) {
    return (
      <section aria-labelledby="ticket-heading">
        <h2 id="ticket-heading">Ticket</h2>
        <p className="muted">No ticket is linked to this certificate.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="ticket-heading">
      <h2 id="ticket-heading">
        Ticket{" "}
        <Link href={ticketHref(ticket.created_at, timeZone)} title="The tickets created that day">
          #{ticket.id}
        </Link>
      </h2>
      <p>
        {ticket.subject} <span className="muted">· now {ticket.status} · opened </span>
        <Instant value={ticket.created_at} />
      </p>
      {ticket.history.length === 0 ? (
        <p className="muted">The ticket has no status history.</p>
      ) : (
        <table className={styles.table}>
          <caption className="muted" style={{ captionSide: "bottom", textAlign: "left" }}>
            Status history of ticket #{ticket.id}, oldest first
          </caption>
          <thead>
            <tr>
              <th>When</th>
              <th>From</th>
              <th>To</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {ticket.history.map((change) => (
              <tr key={change.id}>
                <td>
                  <Instant value={change.at} />
                </td>
                <td>{change.from ?? <span className="muted">created</span>}</td>
                <td>{change.to ?? "—"}</td>
                <td>{change.actor ?? <span className="muted">customer or system</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
