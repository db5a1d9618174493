/** A ticket status as people read it: `on_hold` is "on hold". The data (API, CSV) keeps the helpdesk's value. */
export function statusLabel<T extends string | null>(status: T): T | string {
  return status === null ? status : status.replaceAll("_", " ");
}
