import "server-only";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import { outcomeOf, type Via } from "../audit/entry";
import { audit } from "../audit/log";
import { requestContext } from "../auth/request-context";
import { config } from "../db/config";
import { processWide } from "../process-wide";
import { shortened } from "../ui/parameters";
import { scopeKey } from "./answer-cache";
import { type RunOptions, type RunResult, runReport } from "./run";
import type { Report, Row } from "./types";

/**
 * Identical requests share one query while it runs (single-flight), and its
 * result for a short while after (LOOKBACK_CACHE_TTL_SECONDS, default 60 s).
 * The key holds everything that changes the rows: the report, its canonical
 * parameters and who is asking as far as scoping goes (role, a lead's teams,
 * a tech's id), so results are never shared across roles. A report that
 * reads no database (the audit log) is not cached: the cache is there to
 * spare the replicas, and such a report should show what happened a second ago.
 *
 * The cache holds whole results (every row up to the report's row cap): pages,
 * sorts, filters and small exports are cut from them, never re-run. It is
 * bounded by an estimate of the bytes it holds (this process's share of
 * LOOKBACK_CACHE_MB, least recently used out first), not by a count of entries.
 */
interface Entry {
  result: Promise<RunResult>;
  expires: number;
  /** Callers still waiting for the running query; when the last one leaves, it is cancelled. */
  waiters: number;
  controller: AbortController;
  /** Estimated bytes the result holds in memory; a small placeholder while it runs. */
  size: number;
}

const RUNNING_SIZE = 1_024;
// Made on first use: its size is a setting, read once the environment is there.
const entries = () =>
  processWide(
    "report-cache",
    () =>
      new LRUCache<string, Entry>({
        maxSize: config().LOOKBACK_CACHE_MB * 1024 * 1024,
        sizeCalculation: (entry) => entry.size,
      }),
  );

export interface CachedRun<R extends Row> extends RunResult<R> {
  cached: boolean;
  /** When this result leaves the cache (ms since the epoch): answers cut from it may be kept as long. */
  expiresAt: number;
}

export interface CachedRunOptions extends RunOptions {
  /** How the run was asked for, for the audit log: a page (the default) or the JSON API. */
  via?: Via;
  /** Who asked for it, when it runs as someone else (a subscription's "send now"), for the audit log. */
  askedBy?: string;
}

/**
 * Every run of a report for a page or the JSON API comes through here, so
 * this is where each one is audited (who, which report, parameters, rows,
 * duration, outcome), and where a page's run picks up its request's signal:
 * when the browser goes away (Lookback's server, see lib/auth/gate.ts), the
 * query is cancelled unless someone else still waits for the same result.
 */
export async function runCached<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  canonical: URLSearchParams,
  options: CachedRunOptions,
): Promise<CachedRun<R>> {
  const started = performance.now();
  const signal = options.signal ?? requestContext()?.signal;
  const record = (outcome: ReturnType<typeof outcomeOf>, run?: CachedRun<R>) =>
    audit({
      event: "run",
      login: options.user.login,
      role: options.user.role,
      report: report.id,
      via: options.via ?? "page",
      params: Object.fromEntries([...new Set(canonical.keys())].map((k) => [k, single(canonical.getAll(k))])),
      outcome,
      rowCount: run?.rows.length,
      durationMs: Math.round(performance.now() - started),
      cached: run?.cached,
      askedBy: options.askedBy,
    });
  try {
    const run = await shared(report, params, canonical, { ...options, signal });
    record("ok", run);
    return run;
  } catch (error) {
    record(signal?.aborted ? "cancelled" : outcomeOf(error));
    throw error;
  }
}

function single(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

async function shared<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  canonical: URLSearchParams,
  options: RunOptions,
): Promise<CachedRun<R>> {
  if (report.sources.length === 0) {
    return { ...(await runReport(report, params, options)), cached: false, expiresAt: Date.now() };
  }
  const ttlMs = config().LOOKBACK_CACHE_TTL_SECONDS * 1000;
  const key = `${report.id}?${canonical.toString()}#${scopeKey(options.user)}`;
  const now = Date.now();
  const hit = entries().get(key);
  if (hit && hit.expires > now) {
    const run = (await wait(hit, options.signal)) as RunResult<R>;
    return { ...run, cached: true, expiresAt: hit.expires };
  }
  const controller = new AbortController();
  // Kept for a minute and shown on pages: the statements' parameters as View SQL shows them, not whole
  // (profitability binds a price table of megabytes).
  const result = runReport(report, params, { ...options, signal: controller.signal }).then((run) => ({
    ...run,
    queries: run.queries.map((q) => ({ ...q, parameters: q.parameters.map(shortened) })),
  }));
  const entry: Entry = {
    result: result as Promise<RunResult>,
    expires: Number.POSITIVE_INFINITY,
    waiters: 0,
    controller,
    size: RUNNING_SIZE,
  };
  entries().set(key, entry);
  result.then(
    (run) => {
      entry.expires = Date.now() + ttlMs;
      entry.size = estimateBytes(run.rows);
      if (entries().peek(key) !== entry) return;
      // Set again so the cache counts the real size (and evicts others if it must).
      if (ttlMs === 0) entries().delete(key);
      else entries().set(key, entry);
    },
    () => {
      if (entries().peek(key) === entry) entries().delete(key);
    },
  );
  const run = (await wait(entry, options.signal)) as RunResult<R>;
  return { ...run, cached: false, expiresAt: entry.expires };
}

/** Waits for a shared run; a caller that goes away stops waiting, and the last one to go cancels the query. */
async function wait(entry: Entry, signal: AbortSignal | undefined): Promise<RunResult> {
  entry.waiters++;
  if (!signal) {
    try {
      return await entry.result;
    } finally {
      entry.waiters--;
    }
  }
  if (signal.aborted) {
    entry.waiters--;
    throw signal.reason;
  }
  let leave: () => void = () => {};
  const left = new Promise<never>((_, reject) => {
    leave = () => {
      entry.waiters--;
      if (entry.waiters === 0 && entry.expires === Number.POSITIVE_INFINITY) entry.controller.abort();
      reject(signal.reason);
    };
    signal.addEventListener("abort", leave, { once: true });
  });
  try {
    return await Promise.race([entry.result, left]);
  } finally {
    signal.removeEventListener("abort", leave);
    if (!signal.aborted) entry.waiters--;
  }
}

/**
 * Roughly what rows weigh in the heap: their JSON length, from a sample of
 * up to 50 rows, times three (objects, property names and strings in V8
 * take about that much more than their text). An estimate, to bound the cache.
 */
function estimateBytes(rows: readonly Row[]): number {
  if (rows.length === 0) return RUNNING_SIZE;
  const step = Math.max(1, Math.floor(rows.length / 50));
  let sampled = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i += step) {
    bytes += JSON.stringify(rows[i]).length;
    sampled++;
  }
  return Math.ceil((bytes / sampled) * rows.length * 3) + RUNNING_SIZE;
}
