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

/**
 * `count` instants spread at random over the two years of history before
 * `endDate` (seeded: the same ones every run), in time order, whole seconds.
 */
export function randomInstants(endDate: string, count: number): string[] {
  const end = Date.parse(`${endDate}T00:00:00Z`);
  const start = end - 2 * 365 * DAY;
  let seed = 20_261_121;
  const next = () => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  return Array.from({ length: count }, () => Math.floor((start + next() * (end - start)) / 1000) * 1000)
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms).toISOString());
}
