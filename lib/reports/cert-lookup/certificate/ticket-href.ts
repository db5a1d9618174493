import { addDaysTo, today } from "../../../params/dates";

/**
 * Where a certificate's ticket links to. Lookback has no page per ticket
 * (the helpdesk does, at an address we are not told), so the link opens the
 * ticket list of the day the ticket was created, where its number can be
 * filtered for.
 */
export function ticketHref(createdAt: Date, timeZone: string): string {
  const day = today(createdAt, timeZone);
  return `/reports/ticket-list?from=${day}&to=${day}`;
}

/** The customer's tickets of the 365 days to `now` (the ticket list's form widens the range). */
export function customerTicketsHref(customerId: number, now: Date, timeZone: string): string {
  const to = today(now, timeZone);
  return `/reports/ticket-list?from=${addDaysTo(to, -364)}&to=${to}&customer=${customerId}`;
}
