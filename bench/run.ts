/**
 * `npm run bench`: Lookback at real scale. For each scale factor it makes (or
 * reuses) a generated history with the recommended indexes, starts the
 * production build against it, times every report's benchmark cases through
 * the HTTP API beside PostgreSQL's own floor for the same SQL, and at the
 * largest scale runs the concurrency and CSV export measurements. Results go
 * to bench/results/latest.{json,md} and docs/performance.md (see there for
 * how to read and reproduce them). `--help` lists the options.
 */
import "./floor/register";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type BuiltApp, build, prepareApp } from "./app/build";
import { callReport, reportPath } from "./app/http";
import { type AppServer, startApp } from "./app/server";
import { type BenchCase, discoverCases } from "./cases";
import { CpuSampler } from "./cpu";
import { topUpCertificates } from "./dataset/certs";
import { certificateCount } from "./dataset/counts";
import { type Dataset, databaseName, ensureDataset } from "./dataset/ensure";
import { benchServer } from "./dataset/server";
import { runExport } from "./export";
import { type Floor, measureFloors } from "./floor/floor";
import { type CaseTiming, timeCase } from "./latency";
import { answerBytes, startBare } from "./load/bare";
import { costMarkdown, measureCost } from "./load/cost";
import { asThePageAsks, dayBefore, distinctMix, identicalMix, loadMixData, type Mix, realisticMix } from "./load/mix";
import { type LoadRun, runLoad } from "./load/run-load";
import { describeMachine, postgresVersion } from "./machine";
import { type BenchOptions, parseOptions } from "./options";
import { checkTargets } from "./report/checks";
import type { BenchResults, CaseResult, DatasetResult } from "./report/results";
import { renderResults, writeResults } from "./report/write";
import { EXPORT_ROWS_WANTED } from "./targets";

const POOL_MAX = 10;
const DEFAULT_CACHE_TTL = 60;
const cpu = new CpuSampler().start();
const runStarted = performance.now();
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

type PartialResults = Omit<BenchResults, "checks" | "finishedAt">;

/** What every step needs: the options, the bench PostgreSQL server, the built app. */
interface Bench {
  options: BenchOptions;
  adminUrl: string;
  app: BuiltApp;
  rebuilt: boolean;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.render) return render(options.outDir);
  const startedAt = new Date().toISOString();
  // The demo's end date is exclusive; report cases get the last day of history.
  const { cases, skipped } = await discoverCases(dayBefore(options.endDate, 1), options.only);
  log(
    `${cases.length} cases from ${new Set(cases.map((c) => c.report)).size} reports` +
      (skipped.length ? `; skipped: ${skipped.map((s) => `${s.report} (${s.reason})`).join(", ")}` : ""),
  );
  const server = await benchServer(options);
  try {
    const results: PartialResults = {
      startedAt,
      command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
      quick: options.quick,
      machine: describeMachine(),
      postgres: {
        embedded: server.embedded,
        version: await postgresVersion(server.adminUrl),
        settings: server.settings,
      },
      historyEnd: options.endDate,
      runsPerCase: options.runs,
      othersCpu: NaN,
      datasets: [],
      skipped,
      cases: [],
      load: [],
    };
    const largestScale = Math.max(...options.scales);
    const datasets: Dataset[] = [];
    for (const scale of options.scales) {
      const dataset = await ensureDataset({ ...options, adminUrl: server.adminUrl, scale, log });
      const added = scale === largestScale && options.certs > 0 ? await topUp(dataset, options.certs) : 0;
      results.datasets.push(datasetResult(dataset, await certificateCount(dataset.helpdeskUrl), added));
      datasets.push(dataset);
    }
    if (options.prepare) return;
    if (options.cost > 0) return await logCost(datasets.at(-1) as Dataset, options);
    const app = await prepareApp(envOf(datasets[0] as Dataset, 0), options, log);
    const bench: Bench = { options, adminUrl: server.adminUrl, app, rebuilt: false };
    const largest = datasets.at(-1) as Dataset;
    for (const dataset of datasets) results.cases.push(...(await measureScale(bench, dataset, cases)));
    await measureLoadAndExport(bench, largest, results);
    results.othersCpu = cpu.othersShare(runStarted);
    cpu.stop();
    const final: BenchResults = { ...results, finishedAt: new Date().toISOString(), checks: checkTargets(results) };
    for (const file of await writeResults(final, options.outDir)) log(`wrote ${file}`);
    const failures = final.cases.filter((c) => c.error).length + final.load.reduce((n, l) => n + l.errors, 0);
    if (failures > 0 || final.export?.error) {
      log(`${failures} failed requests${final.export?.error ? `; export: ${final.export.error}` : ""}`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
}

/** `--cost N`: each kind's machine cost, in the harness, written to cost.md beside the results. */
async function logCost(dataset: Dataset, options: BenchOptions) {
  log(`scale ${dataset.scale}: the machine cost of ${options.cost} requests of the mix, one at a time…`);
  const data = await loadMixData(dataset.helpdeskUrl, options.endDate);
  const result = await measureCost(envOf(dataset, 0), data, options.cost, options.seed);
  const markdown = `# Machine cost per answer, scale ${dataset.scale}\n\n\`npm run bench -- ${process.argv
    .slice(2)
    .join(" ")
    .replace(/\/\/([^:/@\s]+):[^@\s]*@/g, "//$1:***@")}\`\n\n${costMarkdown(result, options.connections)}\n`;
  const file = path.join(options.outDir, "cost.md");
  await mkdir(options.outDir, { recursive: true }); // a fresh checkout has no bench/results/tmp yet
  await writeFile(file, markdown);
  log(`\n${costMarkdown(result, options.connections)}\nwrote ${file}`);
}

async function render(outDir: string) {
  const results = JSON.parse(await readFile(path.join(outDir, "latest.json"), "utf8")) as BenchResults;
  for (const file of await renderResults({ ...results, checks: checkTargets(results) }, outDir)) log(`wrote ${file}`);
}

async function topUp(dataset: Dataset, target: number): Promise<number> {
  log(`scale ${dataset.scale}: topping certificates up to ${target.toLocaleString("en")}…`);
  const { before, after, seconds } = await topUpCertificates(
    dataset.helpdeskUrl,
    target,
    dataset.marker.demoCertificates,
  );
  if (after > before) log(`  ${before} → ${after} certificates in ${seconds.toFixed(0)} s`);
  return after - dataset.marker.demoCertificates;
}

function datasetResult(dataset: Dataset, certificates: number, added: number): DatasetResult {
  return {
    scale: dataset.scale,
    reused: dataset.reused,
    generatedSeconds: dataset.marker.generatedSeconds,
    indexSeconds: dataset.marker.indexSeconds + dataset.indexSeconds,
    historySeconds: dataset.history.buildSeconds,
    historySpans: dataset.history.spans,
    counts: { ...dataset.marker.counts, certificates },
    certificatesAdded: added,
  };
}

/** Server time of every case (cache off), then the floor of each, at one scale. */
async function measureScale(bench: Bench, dataset: Dataset, cases: BenchCase[]): Promise<CaseResult[]> {
  const app = await start(bench, dataset, 0);
  const timings: CaseTiming[] = [];
  const busy: number[] = [];
  try {
    for (const c of cases) {
      const started = performance.now();
      const timing = await timeCase(app.baseUrl, c, bench.options.runs);
      busy.push(cpu.othersShare(started));
      log(
        `scale ${dataset.scale} ${c.report} · ${c.name}: ${timing.error ?? `p50 ${timing.p50Ms} ms, ${timing.rows} rows`}`,
      );
      timings.push(timing);
    }
  } finally {
    await app.stop();
  }
  log(`scale ${dataset.scale}: measuring the floor (EXPLAIN ANALYZE of each case's statements)…`);
  const floors = await measureFloors({ ...dataset, storeUrl: dataset.history.storeUrl }, cases, {
    lib: bench.options.runs,
    explain: bench.options.floorRuns,
  });
  return cases.map((c, i) => {
    const { error: floorError, ...floor } = floors[i] as (typeof floors)[number];
    const timing = floor.unregistered ? inProcess(floor) : (timings[i] as CaseTiming);
    return {
      ...c,
      scale: dataset.scale,
      ...timing,
      ...floor,
      floorError,
      ratio: timing.p50Ms / floor.floorMs,
      overheadMs: timing.p50Ms - floor.floorMs,
      othersCpu: busy[i] ?? NaN,
    };
  });
}

/** A report the API cannot reach (not in the registry): its in-process run stands in for the server time. */
function inProcess(floor: Floor): CaseTiming {
  return {
    path: "(not in the registry: runReport() in-process)",
    coldMs: floor.libColdMs,
    p50Ms: floor.libP50Ms,
    p95Ms: floor.libP95Ms,
    wallP50Ms: NaN,
    pageBytes: NaN,
    runs: 0,
    rows: floor.libRows,
    truncated: false,
  };
}

/**
 * At the largest scale: the load runs with the cache off (every request a
 * real run; identical requests still share one query while it runs), the
 * CSV export, then the load runs again with the default 60 s cache.
 */
async function measureLoadAndExport(bench: Bench, dataset: Dataset, results: PartialResults) {
  const { options } = bench;
  if (!options.load && !options.exportRun) return;
  const mixData = await loadMixData(dataset.helpdeskUrl, options.endDate);
  const scenarios: [name: string, mix: () => Mix][] = [
    ["mixed", () => realisticMix(mixData, options.seed)],
    ["mixed, one page", () => asThePageAsks(realisticMix(mixData, options.seed))],
    ["identical", () => identicalMix(options.endDate)],
    ["distinct", () => distinctMix(options.endDate)],
  ];
  const wanted = (name: string, ttl: number) =>
    !options.loads || options.loads.some((l) => l.name === name && (l.ttl === undefined || l.ttl === ttl));
  for (const ttl of [0, DEFAULT_CACHE_TTL]) {
    const exportHere = ttl === 0 && options.exportRun;
    const loads = options.load ? scenarios.filter(([name]) => wanted(name, ttl)) : [];
    if (loads.length === 0 && !exportHere) continue;
    const app = await start(bench, dataset, ttl);
    try {
      // A fresh server loads each route on its first request: not what 50 people meet at 10 am.
      const warm = realisticMix(mixData, options.seed + 1);
      for (let i = 0; i < 12; i++) {
        const w = warm();
        await callReport(app.baseUrl, reportPath(w.report, w.params));
      }
      for (const [name, mix] of loads) {
        if (ttl > 0 && name === "distinct") continue; // distinct keys never hit the cache: the TTL 0 run stands
        const tried = process.env.BENCH_SERVER_ENV ? ` (${process.env.BENCH_SERVER_ENV})` : "";
        log(`load: ${name}, cache TTL ${ttl} s, ${options.connections} clients, ${options.loadSeconds} s${tried}…`);
        const started = performance.now();
        const run = { ...(await load(bench, app, dataset, name, mix(), ttl)), othersCpu: cpu.othersShare(started) };
        log(
          `  ${run.requests} requests, p50 ${Math.round(run.p50Ms)} ms, p95 ${Math.round(run.p95Ms)} ms, ${run.errors} errors ${JSON.stringify(run.statusCodes)}, ${run.byKind.map((k) => `${k.kind} p95 ${Math.round(k.p95Ms)} ms`).join("; ")}; peak RSS ${run.peakRssMb} MB (largest process ${run.peakWorkerRssMb} MB)`,
        );
        results.load.push(run);
      }
      if (ttl > 0 && options.load) await compareWithBare(bench, app, dataset, results, ttl);
      if (exportHere) {
        log("export: ticket-list as CSV…");
        const started = performance.now();
        const e = await runExport(app.baseUrl, app.pid, dataset.helpdeskUrl, options.endDate, EXPORT_ROWS_WANTED);
        e.othersCpu = cpu.othersShare(started);
        log(`  ${e.rows} rows in ${e.seconds.toFixed(1)} s, +${e.growthMb} MB${e.error ? `: ${e.error}` : ""}`);
        results.export = e;
      }
    } finally {
      await app.stop();
    }
  }
}

/**
 * The identical cached request against a bare Node `http` server answering
 * the same bytes, in the same run: the app stops, the bare server takes its
 * port for the same load, and the log says the ratio of the two throughputs.
 */
async function compareWithBare(bench: Bench, app: AppServer, dataset: Dataset, results: PartialResults, ttl: number) {
  const identical = results.load.find((l) => l.name === "identical" && l.cacheTtlSeconds === ttl);
  if (!identical) return;
  const pick = identicalMix(bench.options.endDate)();
  const bytes = await answerBytes(app.baseUrl, reportPath(pick.report, pick.params));
  await app.stop();
  const bare = await startBare(bench.options.appPort, bytes);
  try {
    log(`load: identical, bare node http serving the same ${bytes.body.length} bytes…`);
    const run = await runLoad({
      name: "identical, bare node http",
      baseUrl: bare.baseUrl,
      serverPid: bare.pid,
      mix: identicalMix(bench.options.endDate),
      seconds: bench.options.loadSeconds,
      connections: bench.options.connections,
      cacheTtlSeconds: ttl,
      poolMax: POOL_MAX,
      adminUrl: bench.adminUrl,
      databases: { helpdesk: databaseName(dataset.scale, "helpdesk"), billing: databaseName(dataset.scale, "billing") },
    });
    results.load.push(run);
    log(
      `  bare ${Math.round(run.throughput)} req/s, Lookback ${Math.round(identical.throughput)} req/s: ratio ${(identical.throughput / run.throughput).toFixed(2)}`,
    );
  } finally {
    await bare.stop();
  }
}

function load(bench: Bench, app: AppServer, dataset: Dataset, name: string, mix: Mix, ttl: number): Promise<LoadRun> {
  return runLoad({
    name,
    baseUrl: app.baseUrl,
    serverPid: app.pid,
    mix,
    seconds: bench.options.loadSeconds,
    connections: bench.options.connections,
    cacheTtlSeconds: ttl,
    poolMax: POOL_MAX,
    adminUrl: bench.adminUrl,
    databases: { helpdesk: databaseName(dataset.scale, "helpdesk"), billing: databaseName(dataset.scale, "billing") },
  });
}

/** Starts the production build; a build that does not start (one left half-written) is rebuilt once. */
async function start(bench: Bench, dataset: Dataset, cacheTtlSeconds: number): Promise<AppServer> {
  const settings = { ...envOf(dataset, cacheTtlSeconds), port: bench.options.appPort, dir: bench.app.dir };
  try {
    return await startApp(settings);
  } catch (error) {
    if (!bench.options.build || bench.rebuilt) throw error;
    log(`${(error as Error).message.split("\n")[0]}: rebuilding`);
    bench.rebuilt = true;
    await build(bench.app.dir, settings, log);
    return startApp(settings);
  }
}

function envOf(dataset: Dataset, cacheTtlSeconds: number) {
  return {
    helpdeskUrl: dataset.helpdeskUrl,
    billingUrl: dataset.billingUrl,
    storeUrl: dataset.history.storeUrl,
    cacheTtlSeconds,
    poolMax: POOL_MAX,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
