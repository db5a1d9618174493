import { beforeAll } from "vitest";
import { generateDemo } from "../demo";
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
  });
}

/** Test sources with a database of our own, holding a generated history (demo scale 0.05: over a year of everything). */
export async function generatedSources(seed: number, endDate: string): Promise<TestSources> {
  const sources = await createTestSources({}, { store: true });
  await generateDemo({ helpdeskUrl: sources.helpdeskUrl, billingUrl: sources.billingUrl, scale: 0.05, seed, endDate });
  return sources;
}
