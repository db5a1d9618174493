import { config } from "../db/config";

/** The helpdesk's page of a ticket, from LOOKBACK_TICKET_URL; undefined when no template is configured. */
export function ticketUrl(id: number | string): string | undefined {
  return config().LOOKBACK_TICKET_URL?.replaceAll("{id}", encodeURIComponent(String(id)));
}

/** A ticket number, linked to the helpdesk when LOOKBACK_TICKET_URL says where (server component). */
export function TicketNumber({ id }: { id: number | string }) {
  const href = ticketUrl(id);
  return href ? (
    <a href={href} rel="noreferrer">
      #{id}
    </a>
  ) : (
    <>#{id}</>
  );
}
