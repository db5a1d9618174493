/**
 * What a demo run is asked for, and the concrete numbers it turns into. The
 * counts scale linearly with `scale` except where a floor keeps a tiny test
 * data set coherent (every team staffed, the planted customer present).
 */
export interface DemoOptions {
  helpdeskUrl: string;
  billingUrl: string;
  /** 1 ≈ 60k tickets; fractional scales down to 0.01 are for fast tests. */
  scale: number;
  /** Default 1. The same seed, scale and endDate give the same rows. */
  seed?: number;
  /** 'YYYY-MM-DD', default today (UTC). History is the two years before it, ending at its 00:00 UTC. */
  endDate?: string;
  onProgress?: (message: string) => void;
}

export interface DemoParams {
  seed: number;
  scale: number;
  /** First instant of history: `endDate` minus two years, 00:00 UTC. */
  startDay: string;
  /** History ends just before this day's 00:00 UTC. */
  endDay: string;
  /** Monday of the week starting six weeks before endDate: the Email Support backlog spike. */
  spikeDay: string;
  tickets: number;
  techs: number;
  customers: number;
  /** Customers 1..accountRange with an account get their own; later ones share one of these. */
  accountRange: number;
  certificates: number;
}

export const MIN_SCALE = 0.01;
export const MAX_SEED = 2 ** 30;

export function resolveDemoParams(options: Pick<DemoOptions, "scale" | "seed" | "endDate">): DemoParams {
  const { scale } = options;
  if (!Number.isFinite(scale) || scale < MIN_SCALE)
    throw new RangeError(`scale must be a number ≥ ${MIN_SCALE}, got ${scale}`);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed >= MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED - 1}, got ${seed}`);
  }
  const endDay = options.endDate ?? new Date().toISOString().slice(0, 10);
  const end = parseDay(endDay);
  const start = new Date(end);
  start.setUTCFullYear(end.getUTCFullYear() - 2);
  const spike = new Date(end.getTime() - 42 * DAY_MS);
  spike.setUTCDate(spike.getUTCDate() - ((spike.getUTCDay() + 6) % 7));
  // Customer 42 is the planted Meridian Shipping Co and must exist at every scale.
  const customers = Math.max(60, Math.round(1500 * scale));
  return {
    seed,
    scale,
    startDay: formatDay(start),
    endDay,
    spikeDay: formatDay(spike),
    tickets: Math.round(60_000 * scale),
    // Two core techs per team at least, so every queue always has someone to work it.
    techs: Math.max(12, Math.round(40 * scale)),
    customers,
    accountRange: Math.max(50, Math.round(customers * 0.887)),
    certificates: Math.max(20, Math.round(5000 * scale)),
  };
}

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || formatDay(date) !== day) {
    throw new RangeError(`endDate must be a calendar day 'YYYY-MM-DD', got '${day}'`);
  }
  return date;
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
