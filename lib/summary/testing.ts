import { beforeAll } from "vitest";
import { generateDemo } from "../demo";
import { addDaysTo } from "../params/dates";
import { seededRandom } from "../seeded-random";
import { createTestSources, type TestSources } from "../testing/databases";
import { refreshSummaries } from "./refresh";

/** The two ways the year-long reports answer, for describe.each: every case is checked both ways. */
export const BOTH_WAYS = [
  ["the monthly summaries", true],
  ["the replicas alone", false],
] as const;

/**
 * Inside a describe.each over BOTH_WAYS: points Lookback at `sources`
 * (created with `{ store: true }`) with or without its own database, and
 * computes every closed month's summaries in each of `timeZones` for the first.
 */
export function summariesOrNot(
  sources: () => TestSources,
  withStore: boolean,
  env: Record<string, string>,
  timeZones: readonly string[],
): void {
  beforeAll(async () => {
    await sources().use(env, { withStore });
    if (withStore) for (const timeZone of timeZones) await refreshSummaries({ timeZone });
  });
}

/** Test sources with a database of our own, holding a generated history (demo scale 0.05: over a year of everything). */
export async function generatedSources(seed: number, endDate: string): Promise<TestSources> {
  const sources = await createTestSources({}, { store: true });
  await generateDemo({ helpdeskUrl: sources.helpdeskUrl, billingUrl: sources.billingUrl, scale: 0.05, seed, endDate });
  return sources;
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
  const randomRanges = Array.from({ length: count }, (_, i) => {
    const length = [1, 1 + Math.floor(random() * 45), 1 + Math.floor(random() * 365)][i % 3] as number;
    const from = addDaysTo(end, -Math.floor(random() * 480));
    const to = addDaysTo(from, length - 1) < end ? addDaysTo(from, length - 1) : end;
    return { from, to };
  });
  return [...fixed, ...randomRanges];
}
