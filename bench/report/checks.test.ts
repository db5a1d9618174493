import { describe, expect, it } from "vitest";
import type { DatasetCounts } from "../dataset/counts";
import type { LoadRun } from "../load/run-load";
import { checkTargets } from "./checks";
import type { BenchResults, CaseResult } from "./results";

const counts: DatasetCounts = {
  tickets: 0,
  ticket_events: 0,
  ticket_comments: 0,
  time_entries: 0,
  certificates: 0,
  customers: 0,
  techs: 0,
  invoices: 0,
  invoice_lines: 0,
};

function kase(report: string, name: string, scale: number, p50Ms: number, floorMs: number, rows = 10): CaseResult {
  return {
    report,
    name,
    scale,
    params: {},
    path: "",
    coldMs: p50Ms,
    p50Ms,
    p95Ms: p50Ms,
    wallP50Ms: p50Ms,
    pageBytes: NaN,
    runs: 10,
    rows,
    truncated: false,
    floorMs,
    explainMs: floorMs,
    directMs: floorMs,
    planningMs: 0,
    statements: 1,
    libColdMs: p50Ms,
    libP50Ms: p50Ms,
    libP95Ms: p50Ms,
    libRows: rows,
    unregistered: false,
    ratio: p50Ms / floorMs,
    overheadMs: p50Ms - floorMs,
    othersCpu: 0,
  };
}

function load(p95Ms: number, errors: number, peak: number, busy = 0): LoadRun {
  return {
    name: "mixed",
    cacheTtlSeconds: 60,
    seconds: 60,
    connections: 50,
    requests: 1000,
    throughput: 16.7,
    p50Ms: 100,
    p95Ms,
    p99Ms: p95Ms,
    errors,
    statusCodes: busy > 0 ? { 200: 1000 - busy, 503: busy } : { 200: 1000 },
    errorSamples: [],
    cacheHits: 0,
    transactions: { helpdesk: 1000, billing: 0 },
    peakConnections: { helpdesk: peak, billing: 2 },
    poolMax: 10,
    baselineRssMb: 200,
    peakRssMb: 300,
    byKind: [],
  };
}

function results(cases: CaseResult[], loads: LoadRun[]): Omit<BenchResults, "checks" | "finishedAt"> {
  return {
    startedAt: "",
    command: "",
    quick: false,
    machine: { cpus: 2, cpuModel: "", memoryGb: 24, os: "", node: "" },
    postgres: { embedded: true, version: "17", settings: [] },
    historyEnd: "2026-11-01",
    runsPerCase: 10,
    othersCpu: 0,
    datasets: [3, 30].map((scale) => ({
      scale,
      reused: true,
      generatedSeconds: 0,
      indexSeconds: 0,
      counts,
      certificatesAdded: 0,
    })),
    skipped: [],
    cases,
    load: loads,
    export: {
      report: "ticket-list",
      params: { from: "2025-10-01", to: "2026-10-31" },
      rows: 1_000_000,
      expectedRows: 1_000_000,
      bytes: 0,
      seconds: 4,
      rowsPerSecond: 250_000,
      baselineRssMb: 200,
      peakRssMb: 240,
      growthMb: 40,
    },
  };
}

const verdict = (checks: ReturnType<typeof checkTargets>, what: string) =>
  checks.find((c) => c.what.startsWith(what))?.met;

describe("checkTargets", () => {
  it("judges a time target at the largest scale, and flatness at every scale", () => {
    const checks = checkTargets(
      results(
        [
          // 150 ms at scale 30 is within 200 ms, but 250 ms at scale 3 is not: not flat under the limit.
          kase("queue-time-travel", "as of the end", 3, 250, 200),
          kase("queue-time-travel", "as of the end", 30, 150, 140),
          kase("tech-scorecard", "all techs, one year", 30, 1400, 1300),
          kase("tech-scorecard", "one tech, one month", 30, 201, 190),
        ],
        [],
      ),
    );
    expect(verdict(checks, "time-travel as-of, any instant: as of the end")).toBe(false);
    expect(verdict(checks, "scorecard, all techs, one year")).toBe(true); // 1400 ≤ 1500
    expect(verdict(checks, "scorecard, one tech, one month")).toBe(false); // 201 > 200
    expect(verdict(checks, "profitability, all clients, one year")).toBeNull(); // no case: not measured
  });

  it("allows 1.2 × floor + 15 ms of overhead on results of at most 1,000 rows", () => {
    // floor 100 ms: the limit is 1.2 × 100 + 15 = 135 ms.
    const within = checkTargets(results([kase("cert-lookup", "serial", 30, 135, 100)], []));
    expect(verdict(within, "overhead above the floor")).toBe(true);
    const over = checkTargets(results([kase("cert-lookup", "serial", 30, 136, 100)], []));
    expect(verdict(over, "overhead above the floor")).toBe(false);
    // 1,001 rows: outside the overhead target, so nothing is judged.
    const big = checkTargets(results([kase("ticket-list", "a year", 30, 900, 100, 1001)], []));
    expect(verdict(big, "overhead above the floor")).toBeNull();
  });

  it("judges the load run on errors, p95 and the pool", () => {
    expect(verdict(checkTargets(results([], [load(1900, 0, 10)])), "50 concurrent clients")).toBe(true);
    expect(verdict(checkTargets(results([], [load(2100, 0, 10)])), "50 concurrent clients")).toBe(false);
    expect(verdict(checkTargets(results([], [load(1900, 1, 10)])), "50 concurrent clients")).toBe(false);
    expect(verdict(checkTargets(results([], [load(1900, 0, 11)])), "peak connections")).toBe(false);
  });

  it("allows deliberate 503 busy answers up to 1 % of the mixed load's requests, and no other error", () => {
    // 10 of 1,000 requests answered 503 is 1 %: met; 11 is not; a 503 and one 500 is an error.
    expect(verdict(checkTargets(results([], [load(1900, 10, 10, 10)])), "50 concurrent clients")).toBe(true);
    expect(verdict(checkTargets(results([], [load(1900, 11, 10, 11)])), "50 concurrent clients")).toBe(false);
    expect(verdict(checkTargets(results([], [load(1900, 2, 10, 1)])), "50 concurrent clients")).toBe(false);
  });

  it("judges certificate lookups inside the mix by the worse kind's p95", () => {
    const mix = (exact: number, partial: number) => ({
      ...load(1900, 0, 10),
      byKind: [
        { kind: "cert exact", requests: 100, p50Ms: 10, p95Ms: exact, cacheHits: 0 },
        { kind: "cert partial", requests: 50, p50Ms: 10, p95Ms: partial, cacheHits: 0 },
        { kind: "profitability", requests: 50, p50Ms: 900, p95Ms: 1900, cacheHits: 0 },
      ],
    });
    expect(verdict(checkTargets(results([], [mix(250, 120)])), "certificate lookups inside")).toBe(true);
    expect(verdict(checkTargets(results([], [mix(120, 251)])), "certificate lookups inside")).toBe(false);
  });

  it("judges the heaviest report page against 150 KB", () => {
    const page = (bytes: number) => ({ ...kase("client-profitability", "a year", 30, 500, 400), pageBytes: bytes });
    expect(verdict(checkTargets(results([page(150 * 1024), page(20_000)], [])), "report page")).toBe(true);
    expect(verdict(checkTargets(results([page(150 * 1024 + 1)], [])), "report page")).toBe(false);
    expect(
      verdict(checkTargets(results([kase("cert-lookup", "serial", 30, 5, 4)], [])), "report page"),
    ).toBeUndefined();
  });

  it("judges the export on rate and memory growth", () => {
    // 250,000 rows/s ≥ 250,000 and +40 MB < 50 MB.
    expect(verdict(checkTargets(results([], [])), "CSV export")).toBe(true);
  });
});
