import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { toMarkdown } from "./markdown";
import type { BenchResults } from "./results";

const DOC = "docs/performance.md";
const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

/**
 * latest.json and latest.md in the output folder (bench/results, or
 * bench/results/tmp for --quick, which is not committed). A full run also
 * replaces the table between the markers in docs/performance.md, leaving the
 * hand-written analysis around it alone.
 */
export async function writeResults(results: BenchResults, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = results.quick ? "quick" : "latest";
  const json = path.join(outDir, `${base}.json`);
  const md = path.join(outDir, `${base}.md`);
  const markdown = toMarkdown(results);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(md, `# Lookback benchmark\n\n${markdown}`);
  const written = [json, md];
  if (!results.quick && existsSync(DOC)) {
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
