import { seededRandom } from "../../seeded-random";
import type { History } from "./random-history";

/**
 * Instants to check a history at: random ones, ones exactly on an event (the
 * event counts), one second before an event, and one before anything existed.
 */
export function probeInstants(history: History, seed: number, count: number): Date[] {
  const rnd = seededRandom(seed);
  const span = history.end.getTime() - history.start.getTime();
  const out: Date[] = [new Date(history.start.getTime() - 1000)];
  for (let i = 0; out.length < count; i++) {
    const kind = i % 3;
    if (kind === 0) out.push(new Date(history.start.getTime() + Math.floor((rnd() * span) / 1000) * 1000));
    else {
      const event = history.events[Math.floor(rnd() * history.events.length)];
      if (event) out.push(new Date(event.at.getTime() - (kind === 2 ? 1000 : 0)));
    }
  }
  return out;
}
