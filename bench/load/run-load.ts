import autocannon, { type Result } from "autocannon";
import { ROLE_COOKIE, reportPath } from "../app/http";
import { sampleRss } from "../app/rss";
import { percentile, toMb } from "../stats";
import { sampleConnections, transactionCounts, waitIdle } from "./connections";
import type { Mix } from "./mix";
import { sampleLargestProcess } from "./worker-rss";

/**
 * One load run against the production build with autocannon: `connections`
 * clients on loopback, each sending its next request as soon as the last one
 * is answered, for `seconds` (bounded in time; every request also has a 60 s
 * timeout). Alongside: the server's tree RSS and the connections it holds per
 * source, sampled every 100 ms. Latency is measured per request from sending
 * to the complete answer, split by kind of request.
 */
export interface LoadRun {
  name: string;
  cacheTtlSeconds: number;
  seconds: number;
  connections: number;
  requests: number;
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers: must be 0. */
  errors: number;
  statusCodes: Record<string, number>;
  /** The first few failed answers, to say what went wrong. */
  errorSamples: string[];
  /** Answers served from the result cache (meta.cached). */
  cacheHits: number;
  /** Transactions the app ran per source during the run: below `requests` when runs were shared. */
  transactions: Record<string, number>;
  peakConnections: Record<string, number>;
  poolMax: number;
  baselineRssMb: number;
  peakRssMb: number;
  /** The largest single process of the server's tree (one cluster worker): the per-worker memory target. */
  peakWorkerRssMb?: number;
  /** Other processes' share of the CPUs during the run (bench/cpu.ts), set by the caller. */
  othersCpu?: number;
  byKind: {
    kind: string;
    requests: number;
    p50Ms: number;
    p95Ms: number;
    cacheHits: number;
    /**
     * The answers' own meta.durationMs (opening the transactions to the rows, uncached answers only): the
     * rest of p50/p95 is the request waiting on the server's event loop and the network. Absent in older results.
     */
    runP50Ms?: number;
    runP95Ms?: number;
  }[];
}

export interface LoadSettings {
  name: string;
  baseUrl: string;
  serverPid: number;
  mix: Mix;
  seconds: number;
  connections: number;
  cacheTtlSeconds: number;
  poolMax: number;
  adminUrl: string;
  /** Source → database name on the bench server, for the connection count. */
  databases: Record<string, string>;
}

interface Sample {
  kind: string;
  ms: number;
  status: number;
  cached: boolean;
  /** meta.durationMs of the answer, when it has one. */
  runMs?: number;
}

const DURATION = /"durationMs":(\d+(?:\.\d+)?)/;

export async function runLoad(settings: LoadSettings): Promise<LoadRun> {
  const samples: Sample[] = [];
  const errorSamples: string[] = [];
  await waitIdle(settings.adminUrl, Object.values(settings.databases));
  const transactionsBefore = await transactionCounts(settings.adminUrl, settings.databases);
  const connections = await sampleConnections(settings.adminUrl, settings.databases);
  const rss = sampleRss(settings.serverPid);
  const worker = sampleLargestProcess(settings.serverPid);
  const baseline = rss.peak();
  const result = await new Promise<Result>((resolve, reject) => {
    autocannon(
      {
        url: settings.baseUrl,
        connections: settings.connections,
        duration: settings.seconds,
        timeout: 60,
        headers: { cookie: ROLE_COOKIE },
        requests: [
          {
            method: "GET",
            setupRequest(request, context) {
              const pick = settings.mix();
              context.kind = pick.kind;
              context.sent = performance.now();
              context.path = reportPath(pick.report, pick.params);
              return { ...request, path: context.path as string };
            },
            onResponse(status, body, context) {
              if (status >= 400 && errorSamples.length < 5) {
                errorSamples.push(
                  `${status} ${String(context.path)} after ${Math.round(performance.now() - Number(context.sent))} ms: ${body.slice(0, 200)}`,
                );
              }
              samples.push({
                kind: String(context.kind),
                ms: performance.now() - Number(context.sent),
                status,
                cached: body.includes('"cached":true'),
                runMs: Number(DURATION.exec(body)?.[1] ?? Number.NaN),
              });
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
  });
  const peakRss = rss.stop();
  const peakWorker = worker.stop();
  const peakConnections = await connections.stop();
  await waitIdle(settings.adminUrl, Object.values(settings.databases));
  const transactionsAfter = await transactionCounts(settings.adminUrl, settings.databases);
  const transactions = Object.fromEntries(
    Object.entries(transactionsAfter).map(([s, n]) => [s, n - (transactionsBefore[s] ?? 0)]),
  );
  const times = samples.map((s) => s.ms);
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const statusCodes: Record<string, number> = {};
  for (const s of samples) statusCodes[s.status] = (statusCodes[s.status] ?? 0) + 1;
  return {
    name: settings.name,
    cacheTtlSeconds: settings.cacheTtlSeconds,
    seconds: result.duration,
    connections: settings.connections,
    requests: samples.length,
    throughput: samples.length / result.duration,
    p50Ms: times.length ? percentile(times, 50) : NaN,
    p95Ms: times.length ? percentile(times, 95) : NaN,
    p99Ms: times.length ? percentile(times, 99) : NaN,
    errors: result.errors + result.non2xx,
    statusCodes,
    errorSamples,
    cacheHits: samples.filter((s) => s.cached).length,
    transactions,
    peakConnections,
    poolMax: settings.poolMax,
    baselineRssMb: toMb(baseline),
    peakRssMb: toMb(peakRss),
    peakWorkerRssMb: toMb(peakWorker),
    byKind: kinds.map((kind) => {
      const of = samples.filter((s) => s.kind === kind);
      const ms = of.map((s) => s.ms);
      const run = of.filter((s) => !s.cached && Number.isFinite(s.runMs)).map((s) => s.runMs as number);
      return {
        kind,
        requests: of.length,
        p50Ms: percentile(ms, 50),
        p95Ms: percentile(ms, 95),
        cacheHits: of.filter((s) => s.cached).length,
        ...(run.length > 0 ? { runP50Ms: percentile(run, 50), runP95Ms: percentile(run, 95) } : {}),
      };
    }),
  };
}
