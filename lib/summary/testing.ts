import { afterAll, beforeAll, expect } from "vitest";
import { generateDemo } from "../demo";
import { addDaysTo } from "../params/dates";
import { seededRandom } from "../seeded-random";
import { createTestSources, type TestSources } from "../testing/databases";
import { type KeptSummary, refreshSummaries } from "./refresh";

/** The two ways the year-long reports answer, for describe.each: every case is checked both ways. */
export const BOTH_WAYS = [
  ["the stored days", true],
  ["the replicas alone", false],
] as const;

/**
 * Inside a describe.each over BOTH_WAYS: points Lookback at `sources`
 * (created with `{ store: true }`) with or without its own database, and
 * stores every closed day of `summaries` in each of `timeZones` for the first.
 */
export function summariesOrNot(
  sources: () => TestSources,
  withStore: boolean,
  env: Record<string, string>,
  timeZones: readonly string[],
  summaries: readonly KeptSummary[],
): void {
  beforeAll(async () => {
    await sources().use(env, { withStore });
    if (withStore) for (const timeZone of timeZones) await refreshSummaries(summaries, { timeZone });
    fromStoredDays = withStore;
  });
  afterAll(() => {
    fromStoredDays = undefined;
  });
}

/** Whether the current case (summariesOrNot's) is the stored days': what answeredByWay checks. */
let fromStoredDays: boolean | undefined;

/**
 * Checks that a run took the current case's way: it says it read stored day summaries exactly when the
 * case is the stored days'. Without it, stored days that were quietly not used would pass both cases.
 */
export function answeredByWay(run: { summary?: unknown }): void {
  expect(fromStoredDays, "answeredByWay outside a summariesOrNot case").toBeDefined();
  expect(run.summary !== undefined).toBe(fromStoredDays);
}

/** Test sources with a database of our own, holding a generated history (demo scale 0.05: over a year of everything). */
export async function generatedSources(seed: number, endDate: string): Promise<TestSources> {
  const sources = await createTestSources({}, { store: true });
  await generateDemo({ helpdeskUrl: sources.helpdeskUrl, billingUrl: sources.billingUrl, scale: 0.05, seed, endDate });
  return sources;
}

/**
 * Stores every closed day of `summaries` in each of `timeZones` (none may fail); returns how many days were
 * computed. `now` fixes the pass's clock, so two passes close the same days even across a midnight.
 */
export async function storeDays(
  sources: TestSources,
  summaries: readonly KeptSummary[],
  timeZones: readonly string[],
  now?: Date,
): Promise<number> {
  let computed = 0;
  for (const timeZone of timeZones) {
    await sources.use({ LOOKBACK_TZ: timeZone });
    const result = await refreshSummaries(summaries, { timeZone, now });
    expect(result.failed).toBe(0);
    computed += result.computed;
  }
  return computed;
}

/**
 * `count` random ranges within the 480 days before `end`: in turn one day, up
 * to 45 days, up to a year. The seed (to print) is SUMMARY_TEST_SEED's, or
 * the clock's; `random` goes on from where the ranges left off.
 */
export function randomRanges(
  end: string,
  count: number,
): { seed: number; ranges: { from: string; to: string }[]; random: () => number } {
  const seed = Number(process.env.SUMMARY_TEST_SEED ?? Date.now() % 1_000_000);
  const random = seededRandom(seed);
  const ranges = drawRanges(random, end, count);
  return { seed, ranges, random };
}

/**
 * The stored-vs-fresh tests' ranges over a generated history ending `end`:
 * a year, mid-month cuts, a year end, Chicago's clock change, then `count`
 * random ones (one day, a few weeks, up to a year) from the printed `seed`.
 */
export function testRanges(end: string, seed: number, count: number): { from: string; to: string }[] {
  const random = seededRandom(seed);
  const fixed = [
    { from: addDaysTo(end, -364), to: end }, // a year
    { from: "2026-02-15", to: "2026-04-10" }, // cut mid-month at both ends
    { from: "2025-12-20", to: "2026-01-10" }, // across a year end
    { from: "2026-03-08", to: "2026-03-08" }, // one day: Chicago's clock change
  ];
  const randomRanges = drawRanges(random, end, count);
  return [...fixed, ...randomRanges];
}

/** `count` ranges within the 480 days before `end`: in turn one day, up to 45 days, up to a year. */
function drawRanges(random: () => number, end: string, count: number): { from: string; to: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const length = [1, 1 + Math.floor(random() * 45), 1 + Math.floor(random() * 365)][i % 3] as number;
    const from = addDaysTo(end, -Math.floor(random() * 480));
    const to = addDaysTo(from, length - 1) < end ? addDaysTo(from, length - 1) : end;
    return { from, to };
  });
}
