import { fmtCount, fmtMet, fmtMs, fmtRatio, fmtShare } from "./format";
import type { BenchResults, CaseResult } from "./results";

/** The results as the Markdown tables committed in bench/results/latest.md and docs/performance.md. */
export function toMarkdown(r: BenchResults): string {
  const top = Math.max(...r.datasets.map((d) => d.scale));
  const scales = r.datasets.map((d) => d.scale);
  const m = r.machine;
  const lines = [
    `Measured ${r.finishedAt.slice(0, 16).replace("T", " ")} UTC with \`${r.command}\`${r.quick ? " (quick smoke run: not a benchmark)" : ""}.`,
    "",
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${r.postgres.version}` +
      (r.postgres.embedded ? ` (embedded, same machine; ${r.postgres.settings.join(", ")}, fsync off)` : "") +
      ".",
    `History: the demo's two years up to ${r.historyEnd}. Server time is the API's \`meta.durationMs\` with the result cache off, ` +
      `p50/p95 over ${r.runsPerCase} warm runs after one cold run; the floor is PostgreSQL's own time for the exact statements ` +
      "and parameters: the smaller of EXPLAIN (ANALYZE, TIMING OFF)'s planning + execution and a direct pg round trip, " +
      "taken per source and, for a report reading both sources at once, the slower source's; " +
      "HTTP p50 is request to last byte at the client; " +
      "in-process is runReport() alone, without Next and HTTP.",
    `Other processes (not the harness, the app or any PostgreSQL on the machine) used ${fmtShare(r.othersCpu)} of the CPUs over the run; ` +
      "the *others* columns give it per case and per load run: figures measured while others were busy are slower than the machine can do.",
    "",
    "### Targets",
    "",
    "| target | goal | measured | |",
    "|---|---|---|---|",
    ...r.checks.map(
      (c) => `| ${c.what}${c.note ? ` (${c.note})` : ""} | ${c.target} | ${c.measured} | ${fmtMet(c.met)} |`,
    ),
    "",
    "### Datasets",
    "",
    "| scale | tickets | events | comments | time entries | certificates | invoice lines | generated in | indexes + ANALYZE | history index |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...r.datasets.map(
      (d) =>
        `| ${d.scale} | ${fmtCount(d.counts.tickets)} | ${fmtCount(d.counts.ticket_events)} | ${fmtCount(d.counts.ticket_comments)} | ` +
        `${fmtCount(d.counts.time_entries)} | ${fmtCount(d.counts.certificates)}${d.certificatesAdded ? ` (${fmtCount(d.certificatesAdded)} added)` : ""} | ` +
        `${fmtCount(d.counts.invoice_lines)} | ${seconds(d.generatedSeconds)} | ${seconds(d.indexSeconds)} | ` +
        `${d.historySpans === undefined ? "—" : `${fmtCount(d.historySpans)} spans${d.historySeconds === undefined ? "" : `, built in ${seconds(d.historySeconds)}`}`} |`,
    ),
    "",
    `### Server time per case, scale ${top}`,
    "",
    "| report | case | rows | cold | p50 | p95 | HTTP p50 | floor | p50 / floor | overhead | in-process p50 | others | page |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...r.cases.filter((c) => c.scale === top).map(caseLine),
    "",
    ...(r.cases.some((c) => c.unregistered)
      ? [
          "\\* Not in the registry (a page runs it itself), so the API cannot reach it: its times are runReport() in-process.",
          "",
        ]
      : []),
  ];
  if (scales.length > 1) {
    lines.push(
      "### Scaling: server p50 (floor) by scale",
      "",
      `| report | case | ${scales.map((s) => `scale ${s}`).join(" | ")} | p50 growth |`,
      `|---|---|${scales.map(() => "---:").join("|")}|---:|`,
      ...scalingLines(r.cases, scales),
      "",
    );
  }
  if (r.load.length > 0) {
    lines.push(
      "### Concurrency",
      "",
      "| run | cache TTL | clients | seconds | requests | req/s | p50 | p95 | p99 | errors | cache hits | database runs | peak connections (pool) | server RSS before → peak | others |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
      ...r.load.map(
        (l) =>
          `| ${l.name} | ${l.cacheTtlSeconds} s | ${l.connections} | ${l.seconds} | ${l.requests} | ${l.throughput.toFixed(1)} | ` +
          `${fmtMs(l.p50Ms)} | ${fmtMs(l.p95Ms)} | ${fmtMs(l.p99Ms)} | ${l.errors} | ${l.cacheHits} | ` +
          `${Object.entries(l.transactions)
            .map(([s, n]) => `${s} ${n}`)
            .join(", ")} | ` +
          `${Object.entries(l.peakConnections)
            .map(([s, n]) => `${s} ${n}`)
            .join(", ")} (${l.poolMax}) | ${l.baselineRssMb} → ${l.peakRssMb} MB | ${fmtShare(l.othersCpu ?? NaN)} |`,
      ),
      "",
      "By kind of request:",
      "",
      "*In the run*: the answers' own `meta.durationMs` (uncached ones): the rest is the wait on the server's event loop.",
      "",
      "| run | cache TTL | kind | requests | p50 | p95 | in the run p50 | p95 | cache hits |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|",
      ...r.load.flatMap((l) =>
        l.byKind.map(
          (k) =>
            `| ${l.name} | ${l.cacheTtlSeconds} s | ${k.kind} | ${k.requests} | ${fmtMs(k.p50Ms)} | ${fmtMs(k.p95Ms)} | ` +
            `${fmtMs(k.runP50Ms ?? Number.NaN)} | ${fmtMs(k.runP95Ms ?? Number.NaN)} | ${k.cacheHits} |`,
        ),
      ),
      "",
    );
  }
  if (r.export) {
    const e = r.export;
    lines.push(
      "### CSV export",
      "",
      "| report | range | rows | MB | time | rows/s | server RSS before → peak | growth | others |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|",
      `| ${e.report} | ${e.params.from} – ${e.params.to} | ${e.rows.toLocaleString("en")} | ${Math.round(e.bytes / 1024 / 1024)} | ` +
        `${e.seconds.toFixed(1)} s | ${Math.round(e.rowsPerSecond).toLocaleString("en")} | ${e.baselineRssMb} → ${e.peakRssMb} MB | ${e.growthMb} MB | ${fmtShare(e.othersCpu ?? NaN)} |`,
      ...(e.error ? ["", `Export error: ${e.error}`] : []),
      "",
    );
  }
  if (r.skipped.length > 0) {
    lines.push(`Not measured: ${r.skipped.map((s) => `${s.report} (${s.reason})`).join("; ")}.`, "");
  }
  return lines.join("\n");
}

function caseLine(c: CaseResult): string {
  if (c.error)
    return `| ${c.report} | ${c.name} | | | | | | | | | | | error: ${c.error.replaceAll("|", "/").slice(0, 200)} |`;
  return (
    `| ${c.report}${c.unregistered ? " *" : ""} | ${c.name} | ${c.rows.toLocaleString("en")}${c.truncated ? "+" : ""} | ${fmtMs(c.coldMs)} | ${fmtMs(c.p50Ms)} | ` +
    `${fmtMs(c.p95Ms)} | ${fmtMs(c.wallP50Ms)} | ${fmtMs(c.floorMs)}${c.floorError ? ` (${c.floorError.slice(0, 60)})` : ""} | ${fmtRatio(c.ratio)} | ` +
    `${fmtMs(c.overheadMs)} | ${fmtMs(c.libP50Ms)} | ${fmtShare(c.othersCpu)} | ${fmtKb(c.pageBytes)} |`
  );
}

function scalingLines(cases: CaseResult[], scales: number[]): string[] {
  const keys = [...new Set(cases.map((c) => `${c.report}\u0000${c.name}`))];
  return keys.map((key) => {
    const [report, name] = key.split("\u0000") as [string, string];
    const series = scales.map((s) => cases.find((c) => c.report === report && c.name === name && c.scale === s));
    const cells = series.map((c) => (c && !c.error ? `${fmtMs(c.p50Ms)} (${fmtMs(c.floorMs)})` : "—"));
    const first = series[0];
    const last = series.at(-1);
    const growth = first && last && !first.error && !last.error ? fmtRatio(last.p50Ms / first.p50Ms) : "—";
    return `| ${report} | ${name} | ${cells.join(" | ")} | ${growth} |`;
  });
}

function seconds(s: number): string {
  if (s >= 90) return `${Math.round(s / 60)} min`;
  return `${Math.round(s)} s`;
}

/** A page's weight: "312 KB", or "—" when not measured (older results have none). */
function fmtKb(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes) ? "—" : `${Math.round(bytes / 1024)} KB`;
}
