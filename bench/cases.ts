import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Params } from "./app/http";

/**
 * The cases to measure come from the reports themselves: each report folder
 * may hold a `bench.ts` exporting `benchCases(endDate)` (endDate: the last day
 * of the generated history). Folders without one are listed as skipped, so a
 * new report is picked up by the next run with no change here.
 */
export interface BenchCase {
  report: string;
  name: string;
  params: Params;
}

export interface CaseDiscovery {
  cases: BenchCase[];
  /** Reports with no bench.ts yet, or whose bench.ts failed to load. */
  skipped: { report: string; reason: string }[];
}

type BenchModule = { benchCases?: (endDate: string) => { name: string; params: Params }[] };

const REPORTS_DIR = path.resolve("lib/reports");

export async function discoverCases(endDate: string, only?: string[]): Promise<CaseDiscovery> {
  const cases: BenchCase[] = [];
  const skipped: CaseDiscovery["skipped"] = [];
  const folders = readdirSync(REPORTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (!only || only.includes(d.name)))
    .map((d) => d.name)
    .sort();
  for (const report of folders) {
    const file = path.join(REPORTS_DIR, report, "bench.ts");
    if (!existsSync(file)) {
      skipped.push({ report, reason: "no bench.ts yet" });
      continue;
    }
    try {
      const module = (await import(pathToFileURL(file).href)) as BenchModule;
      if (typeof module.benchCases !== "function") throw new Error("bench.ts does not export benchCases(endDate)");
      for (const c of module.benchCases(endDate)) cases.push({ report, name: c.name, params: c.params });
    } catch (error) {
      skipped.push({ report, reason: `bench.ts failed: ${(error as Error).message.split("\n")[0]}` });
    }
  }
  return { cases, skipped };
}
