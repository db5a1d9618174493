import { callReport, pageWeight, reportPath } from "./app/http";
import type { BenchCase } from "./cases";
import { percentile } from "./stats";

/**
 * Server time of one case through the HTTP API of the production build, with
 * the result cache off (LOOKBACK_CACHE_TTL_SECONDS=0), so every run is a real
 * run: the first request apart as "cold" (Next loads the route, PostgreSQL
 * may read from disk), then `runs` warm ones one after the other.
 */
export interface CaseTiming {
  path: string;
  coldMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Request to last byte at the client (JSON encoding and transfer included), p50. */
  wallP50Ms: number;
  /**
   * Bytes of the report's page as a browser first receives it (the HTML,
   * which carries the React Server Components payload inline), uncompressed:
   * what a page with its largest result costs to load. NaN when not measured.
   */
  pageBytes: number;
  runs: number;
  rows: number;
  truncated: boolean;
  error?: string;
}

export async function timeCase(baseUrl: string, c: BenchCase, runs: number): Promise<CaseTiming> {
  const path = reportPath(c.report, c.params);
  const cold = await callReport(baseUrl, path);
  if (cold.error) return failed(path, `HTTP ${cold.status}: ${cold.error}`);
  const server: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const answer = await callReport(baseUrl, path);
    if (answer.error) return failed(path, `HTTP ${answer.status}: ${answer.error}`);
    if (answer.cached)
      return failed(path, "answered from the cache: the server must run with LOOKBACK_CACHE_TTL_SECONDS=0");
    server.push(answer.serverMs);
    wall.push(answer.wallMs);
  }
  const page = await pageWeight(baseUrl, c.report, c.params);
  return {
    path,
    coldMs: cold.serverMs,
    p50Ms: percentile(server, 50),
    p95Ms: percentile(server, 95),
    wallP50Ms: percentile(wall, 50),
    pageBytes: page,
    runs,
    rows: cold.rows,
    truncated: cold.truncated,
  };
}

function failed(path: string, error: string): CaseTiming {
  return {
    path,
    coldMs: NaN,
    p50Ms: NaN,
    p95Ms: NaN,
    wallP50Ms: NaN,
    pageBytes: NaN,
    runs: 0,
    rows: 0,
    truncated: false,
    error,
  };
}
