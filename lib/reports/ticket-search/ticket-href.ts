/**
 * Where a hit's ticket number links to. Lookback has no page per ticket (the
 * helpdesk has, at an address we are not told), so it opens the ticket list
 * of that one ticket, with its customer, queue, status and assignee now.
 */
export function ticketHref(ticketId: number): string {
  return `/reports/ticket-list?ticket=${ticketId}`;
}
