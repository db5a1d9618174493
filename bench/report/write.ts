import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { toMarkdown } from "./markdown";
import type { BenchResults } from "./results";

const DOC = "docs/performance.md";
const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

export const RESULTS_DIR = "bench/results";

/**
 * latest.json and latest.md in the output folder: bench/results for a
 * complete run (the committed table), bench/results/tmp (not committed) for
 * a partial one or --quick. A complete run also replaces the table between
 * the markers in docs/performance.md, leaving the hand-written analysis
 * around it alone.
 */
export async function writeResults(results: BenchResults, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = results.quick ? "quick" : "latest";
  const json = path.join(outDir, `${base}.json`);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  return [json, ...(await renderResults(results, outDir))];
}

/** The Markdown of some results, in their folder and (for the committed table) in docs/performance.md. */
export async function renderResults(results: BenchResults, outDir: string): Promise<string[]> {
  const md = path.join(outDir, `${results.quick ? "quick" : "latest"}.md`);
  const markdown = toMarkdown(results);
  await writeFile(md, `# Lookback benchmark\n\n${markdown}`);
  const written = [md];
  if (path.resolve(outDir) === path.resolve(RESULTS_DIR) && existsSync(DOC)) {
    const doc = await readFile(DOC, "utf8");
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    if (from >= 0 && to > from) {
      await writeFile(DOC, `${doc.slice(0, from + START.length)}\n${markdown}\n${doc.slice(to)}`);
      written.push(DOC);
    }
  }
  return written;
}
