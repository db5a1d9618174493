/**
 * Instants the queue reports are benchmarked at, from the last day of the
 * generated history: its end, the demo's backlog spike (the week starting six
 * weeks before the end), and a year back (the cost must not depend on how much
 * history lies before or after the instant).
 */
const DAY = 86_400_000;

export function benchInstants(endDate: string): { end: string; spike: string; yearBack: string } {
  const end = Date.parse(`${endDate}T15:00:00Z`);
  return {
    end: new Date(end).toISOString(),
    spike: new Date(end - 6 * 7 * DAY + 3 * DAY - 12 * 3_600_000).toISOString(),
    yearBack: new Date(end - 365 * DAY).toISOString(),
  };
}
