import { formatDuration } from "../../../ui/format";
import { TicketNumber } from "../../../ui/ticket-link";
import { localTime } from "./local-time";
import { ACT_LIST_CAP, type ActDetail } from "./query";
import styles from "./tech-page.module.css";

interface TicketActs {
  ticket_id: number;
  subject: string;
  customer: string;
  acts: ActDetail[];
}

/** The acts grouped by ticket, keeping the order the query gave (first touched first, then time). */
function byTicket(acts: ActDetail[]): TicketActs[] {
  const tickets = new Map<number, TicketActs>();
  for (const act of acts) {
    let ticket = tickets.get(act.ticket_id);
    if (!ticket) {
      ticket = { ticket_id: act.ticket_id, subject: act.subject, customer: act.customer, acts: [] };
      tickets.set(act.ticket_id, ticket);
    }
    ticket.acts.push(act);
  }
  return [...tickets.values()];
}

/** The tickets shown at once; the rest unfold on demand (a month of a busy tech is hundreds of tickets). */
const FIRST_SHOWN = 25;

/** Every ticket the tech touched in the range, each with what they did on it in order, timed in the reporting zone. */
export function TicketActivity({ acts, timeZone }: { acts: ActDetail[]; timeZone: string }) {
  const cut = acts.length > ACT_LIST_CAP;
  const tickets = byTicket(cut ? acts.slice(0, ACT_LIST_CAP) : acts);
  if (tickets.length === 0) return <p className="muted">No tickets touched in the range.</p>;
  return (
    <>
      {cut && (
        <p className="warn" role="status">
          Showing the first {ACT_LIST_CAP.toLocaleString("en-US")} acts; narrow the dates to see the rest. The numbers
          above count them all.
        </p>
      )}
      <p className="muted">
        {tickets.length.toLocaleString("en-US")} {tickets.length === 1 ? "ticket" : "tickets"}; times in {timeZone}.
      </p>
      <TicketList tickets={tickets.slice(0, FIRST_SHOWN)} timeZone={timeZone} label="Tickets touched" />
      {tickets.length > FIRST_SHOWN && (
        <details className={styles.more}>
          <summary>Show the other {(tickets.length - FIRST_SHOWN).toLocaleString("en-US")} tickets</summary>
          <TicketList tickets={tickets.slice(FIRST_SHOWN)} timeZone={timeZone} label="More tickets touched" />
        </details>
      )}
    </>
  );
}

/** Tickets as cards: the ticket, then what the tech did on it, folded. */
function TicketList({ tickets, timeZone, label }: { tickets: TicketActs[]; timeZone: string; label: string }) {
  return (
    <ul className={styles.tickets} aria-label={label}>
      {tickets.map((t) => {
        const bare = t.acts.filter((a) => a.bare).length;
        return (
          <li key={t.ticket_id}>
            {/* The ticket's link stays out of the summary: a link inside a disclosure button is two controls in one. */}
            <p className={styles.ticketHead}>
              <strong>
                <TicketNumber id={t.ticket_id} />
              </strong>{" "}
              {t.subject} <span className="muted">· {t.customer}</span>
            </p>
            <details>
              <summary>
                {t.acts.length} {t.acts.length === 1 ? "act" : "acts"}
                {bare > 0 && (
                  <>
                    {" "}
                    <span className="flag">
                      {bare} bare {bare === 1 ? "note" : "notes"}
                    </span>
                  </>
                )}
              </summary>
              <ol className={styles.acts}>
                {t.acts.map((a) => (
                  <li key={`${a.kind}:${a.act_id}`}>
                    <time className={styles.when} dateTime={a.at.toISOString()}>
                      {localTime(a.at, timeZone)} ({timeZone})
                    </time>
                    <ActLine act={a} />
                  </li>
                ))}
              </ol>
            </details>
          </li>
        );
      })}
    </ul>
  );
}

function ActLine({ act }: { act: ActDetail }) {
  switch (act.kind) {
    case "reply":
    case "note":
      return (
        <>
          {act.kind === "reply" ? "Public reply" : "Internal note"} <span className="muted">({act.credit} credit)</span>{" "}
          {act.bare && <span className="flag">bare</span>}{" "}
          {act.text && <span className={styles.quote}>“{act.text}”</span>}
        </>
      );
    case "change":
      return (
        <>
          Changed {act.field}: {act.old_value ?? "—"} → {act.new_value ?? "—"}{" "}
          {act.reopened && <span className="flag">reopened within 14 days</span>}
        </>
      );
    case "time":
      return (
        <>
          Logged {formatDuration((act.minutes ?? 0) * 60)}{" "}
          {act.text && <span className={styles.quote}>“{act.text}”</span>}
        </>
      );
  }
}
