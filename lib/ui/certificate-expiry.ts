/** What techs call a certificate: its tracking number. */
export function trackingOf(id: number): string {
  return `C-${id}`;
}

/** A certificate's page; `q`, the search it was found by, rides along so the page can lead back to it. */
export function certificateHref(id: number, q?: string): string {
  return q ? `/certs/${id}?${new URLSearchParams({ q })}` : `/certs/${id}`;
}

const DAY_MS = 86_400_000;

/** Within this many days of its end a certificate shows amber: time to renew. */
export const EXPIRING_DAYS = 30;

/**
 * Whole days from `now` to `notAfter`, rounded down: 0 on its last day,
 * negative once expired (−1 during the first day after), null when the
 * certificate has no end yet (not issued).
 */
export function daysLeft(notAfter: Date | null, now: Date): number | null {
  return notAfter === null ? null : wholeDaysUntil(notAfter, now);
}

export function wholeDaysUntil(instant: Date, now: Date): number {
  return Math.floor((instant.getTime() - now.getTime()) / DAY_MS);
}

/**
 * The shared table's cell highlight for days left: red once expired, amber
 * when it ends within the next 30 days (0 to 29 days left: exactly the
 * certificates the default "expiring soon" report lists).
 */
export function expiryClass(days: number | null): string | undefined {
  if (days === null) return undefined;
  if (days < 0) return "cell-bad";
  if (days < EXPIRING_DAYS) return "cell-warn";
  return undefined;
}
