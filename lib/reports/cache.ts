import "server-only";
import type { z } from "zod";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { type RunOptions, type RunResult, runReport } from "./run";
import type { Report, Row } from "./types";

/**
 * Identical requests share one query while it runs (single-flight), and its
 * result for a short while after (LOOKBACK_CACHE_TTL_SECONDS, default 60 s).
 * The key holds everything that changes the rows: the report, its canonical
 * parameters and who is asking as far as scoping goes (role, a lead's teams,
 * a tech's id), so results are never shared across roles.
 */
interface Entry {
  result: Promise<RunResult>;
  expires: number;
  /** Callers still waiting for the running query; when the last one leaves, it is cancelled. */
  waiters: number;
  controller: AbortController;
}

const entries = new Map<string, Entry>();
const MAX_ENTRIES = 500;

export interface CachedRun<R extends Row> extends RunResult<R> {
  cached: boolean;
}

export function scopeKey(user: User): string {
  return `${user.role}|${[...user.teamIds].sort((a, b) => a - b).join(",")}|${user.techId ?? ""}`;
}

export async function runCached<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  canonical: URLSearchParams,
  options: RunOptions,
): Promise<CachedRun<R>> {
  const ttlMs = config().LOOKBACK_CACHE_TTL_SECONDS * 1000;
  const key = `${report.id}?${canonical.toString()}#${scopeKey(options.user)}`;
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return { ...((await wait(hit, options.signal)) as RunResult<R>), cached: true };
  const controller = new AbortController();
  const result = runReport(report, params, { ...options, signal: controller.signal });
  const entry: Entry = {
    result: result as Promise<RunResult>,
    expires: Number.POSITIVE_INFINITY,
    waiters: 0,
    controller,
  };
  entries.set(key, entry);
  result.then(
    () => {
      entry.expires = Date.now() + ttlMs;
      if (ttlMs === 0) entries.delete(key);
      prune();
    },
    () => entries.delete(key),
  );
  return { ...((await wait(entry, options.signal)) as RunResult<R>), cached: false };
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

function prune() {
  if (entries.size <= MAX_ENTRIES) return;
  const now = Date.now();
  for (const [key, entry] of entries) if (entry.expires < now) entries.delete(key);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}
