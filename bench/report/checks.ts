import type { LoadRun } from "../load/run-load";
import { percentile } from "../stats";
import {
  CACHED_MIN_SHARE_OF_BARE,
  CASE_TARGETS,
  CERT_TARGET_COUNT,
  EXPORT_MAX_GROWTH_MB,
  EXPORT_MIN_ROWS_PER_SECOND,
  EXPORT_ROWS_WANTED,
  LOAD_CERT_MAX_P95_MS,
  LOAD_MAX_BUSY_SHARE,
  LOAD_MAX_P95_MS,
  LOAD_MAX_WORKER_RSS_MB,
  OVERHEAD_MAX_ROWS,
  overheadLimitMs,
  PAGE_MAX_BYTES,
} from "../targets";
import { fmtMs } from "./format";
import type { BenchResults, CaseResult, TargetCheck } from "./results";

/** Each of the issue's targets against what was measured: met, missed, or not measured (null). */
export function checkTargets(r: Omit<BenchResults, "checks" | "finishedAt">): TargetCheck[] {
  const top = Math.max(...r.datasets.map((d) => d.scale));
  const atTop = r.cases.filter((c) => c.scale === top && !c.error);
  const checks: TargetCheck[] = [];
  for (const target of CASE_TARGETS) {
    const cases = atTop.filter((c) => target.matches(c.report, c.name));
    if (cases.length === 0) {
      checks.push({ what: target.label, target: `≤ ${fmtMs(target.p50Ms)}`, measured: "no case", met: null });
      continue;
    }
    if (target.group) {
      checks.push(groupCheck(target.label, target.p50Ms, r.cases, cases, top));
      continue;
    }
    for (const c of cases) {
      checks.push({
        what: `${target.label}: ${c.name}`,
        target: `≤ ${fmtMs(target.p50Ms)} p50${target.flat ? ", flat" : ""}`,
        measured: `${fmtMs(c.p50Ms)} at scale ${top}${target.flat ? flatness(r.cases, c) : ""}`,
        met: c.p50Ms <= target.p50Ms && (!target.flat || allScalesWithin(r.cases, c, target.p50Ms)),
        note: certNote(c, r),
      });
    }
  }
  const small = atTop.filter((c) => c.rows <= OVERHEAD_MAX_ROWS && Number.isFinite(c.floorMs));
  const over = small.filter((c) => c.p50Ms > overheadLimitMs(c.floorMs));
  checks.push({
    what: `overhead above the floor, ≤ ${OVERHEAD_MAX_ROWS} rows (${small.length} cases)`,
    target: "p50 ≤ 1.2 × floor + 15 ms",
    measured:
      over.length === 0 ? "every case" : `${over.length} over: ${over.map((c) => `${c.report} ${c.name}`).join("; ")}`,
    met: small.length === 0 ? null : over.length === 0,
  });
  const e = r.export;
  checks.push(
    e
      ? {
          what: `CSV export, ${e.rows.toLocaleString("en")} rows`,
          target: `≥ ${EXPORT_MIN_ROWS_PER_SECOND.toLocaleString("en")} rows/s, growth < ${EXPORT_MAX_GROWTH_MB} MB`,
          measured: `${Math.round(e.rowsPerSecond).toLocaleString("en")} rows/s, +${e.growthMb} MB`,
          met: !e.error && e.rowsPerSecond >= EXPORT_MIN_ROWS_PER_SECOND && e.growthMb < EXPORT_MAX_GROWTH_MB,
          note: e.error ?? (e.rows < EXPORT_ROWS_WANTED ? "the whole history holds fewer than 1M tickets" : undefined),
        }
      : { what: "CSV export", target: "", measured: "not run", met: null },
  );
  const mixed =
    r.load.find((l) => l.name === "mixed" && l.cacheTtlSeconds > 0) ?? r.load.find((l) => l.name === "mixed");
  checks.push(
    mixed ? mixedCheck(mixed) : { what: "concurrent clients, mixed", target: "", measured: "not run", met: null },
  );
  if (mixed) checks.push(certInMixCheck(mixed));
  const mixes = r.load.filter((l) => l.name.startsWith("mixed") && l.peakWorkerRssMb !== undefined);
  if (mixes.length > 0) {
    const worst = Math.max(...mixes.map((l) => l.peakWorkerRssMb as number));
    checks.push({
      what: "largest server process during the mixed loads",
      target: `≤ ${LOAD_MAX_WORKER_RSS_MB} MB per worker`,
      measured: `${worst} MB`,
      met: worst <= LOAD_MAX_WORKER_RSS_MB,
    });
  }
  const identical = r.load.find((l) => l.name === "identical" && l.cacheTtlSeconds > 0);
  const bare = r.load.find((l) => l.name === "identical, bare node http");
  if (identical && bare) {
    const share = identical.throughput / bare.throughput;
    checks.push({
      what: "identical cached request, share of a bare node http server's throughput",
      target: `≥ ${CACHED_MIN_SHARE_OF_BARE.toFixed(2)}`,
      measured: `${share.toFixed(2)} (${Math.round(identical.throughput)} vs ${Math.round(bare.throughput)} req/s)`,
      met: share >= CACHED_MIN_SHARE_OF_BARE,
    });
  }
  const pages = atTop.filter((c) => Number.isFinite(c.pageBytes));
  if (pages.length > 0) {
    const heaviest = pages.reduce((a, b) => (b.pageBytes > a.pageBytes ? b : a));
    checks.push({
      what: `report page with its result, largest of ${pages.length} cases`,
      target: `≤ ${PAGE_MAX_BYTES / 1024} KB`,
      measured: `${Math.round(heaviest.pageBytes / 1024)} KB (${heaviest.report}, ${heaviest.name})`,
      met: heaviest.pageBytes <= PAGE_MAX_BYTES,
    });
  }
  const pools = r.load.flatMap((l) => Object.entries(l.peakConnections).map(([s, n]) => ({ s, n, max: l.poolMax })));
  if (pools.length > 0) {
    const worst = Math.max(...pools.map((p) => p.n));
    checks.push({
      what: "peak connections per source, every load run",
      target: `≤ pool (${pools[0]?.max})`,
      measured: `${worst}`,
      met: pools.every((p) => p.n <= p.max),
    });
  }
  return checks;
}

function sameCase(all: CaseResult[], c: CaseResult) {
  return all.filter((o) => o.report === c.report && o.name === c.name && !o.error).sort((a, b) => a.scale - b.scale);
}

function allScalesWithin(all: CaseResult[], c: CaseResult, limit: number) {
  return sameCase(all, c).every((o) => o.p50Ms <= limit);
}

function flatness(all: CaseResult[], c: CaseResult) {
  const series = sameCase(all, c);
  return series.length > 1
    ? ` (${series.map((o) => fmtMs(o.p50Ms)).join(" → ")} over scales ${series.map((o) => o.scale).join(", ")})`
    : "";
}

function certNote(c: CaseResult, r: Omit<BenchResults, "checks" | "finishedAt">) {
  if (c.report !== "cert-lookup") return undefined;
  const certs = r.datasets.find((d) => d.scale === c.scale)?.counts.certificates ?? 0;
  return `${certs.toLocaleString("en")} certificates${certs < CERT_TARGET_COUNT ? " (fewer than the target's 500k)" : ""}`;
}

/** Many cases of one report (instants): p50 and p95 over their p50s, at the top scale and, for comparison, below. */
function groupCheck(label: string, p50Ms: number, all: CaseResult[], atTop: CaseResult[], top: number): TargetCheck {
  const names = new Set(atTop.map((c) => c.name));
  const report = atTop[0]?.report;
  const scales = [...new Set(all.map((c) => c.scale))].sort((a, b) => a - b);
  const summary = (scale: number) => {
    const p50s = all.filter((c) => c.scale === scale && c.report === report && names.has(c.name) && !c.error);
    const values = p50s.map((c) => c.p50Ms);
    return { p50: percentile(values, 50), p95: percentile(values, 95), n: values.length };
  };
  const at = summary(top);
  return {
    what: `${label} (${at.n} instants)`,
    target: `≤ ${fmtMs(p50Ms)} p50`,
    measured:
      `p50 ${fmtMs(at.p50)}, p95 ${fmtMs(at.p95)} at scale ${top}` +
      (scales.length > 1
        ? ` (p50 ${scales.map((s) => fmtMs(summary(s).p50)).join(" → ")} over scales ${scales.join(", ")})`
        : ""),
    met: at.p50 <= p50Ms,
  };
}

/** The mixed load: no error but deliberate "busy" answers (503), at most LOAD_MAX_BUSY_SHARE of them, and p95. */
function mixedCheck(mixed: LoadRun): TargetCheck {
  const busy = mixed.statusCodes["503"] ?? 0;
  const others = mixed.errors - busy;
  const share = mixed.requests === 0 ? 0 : busy / mixed.requests;
  return {
    what: `${mixed.connections} concurrent clients, mixed (cache TTL ${mixed.cacheTtlSeconds} s)`,
    target: `0 errors but 503 busy (≤ ${LOAD_MAX_BUSY_SHARE * 100} %), p95 ≤ ${fmtMs(LOAD_MAX_P95_MS)}`,
    measured: `${others} errors, ${busy} busy (${(share * 100).toFixed(1)} %), p95 ${fmtMs(mixed.p95Ms)}`,
    met: others === 0 && share <= LOAD_MAX_BUSY_SHARE && mixed.p95Ms <= LOAD_MAX_P95_MS,
  };
}

/** Certificate lookups inside the mixed load, each kind's p95. */
function certInMixCheck(mixed: LoadRun): TargetCheck {
  const certs = mixed.byKind.filter((k) => k.kind.startsWith("cert"));
  const worst = Math.max(...certs.map((k) => k.p95Ms));
  return {
    what: "certificate lookups inside the mixed load",
    target: `p95 ≤ ${fmtMs(LOAD_CERT_MAX_P95_MS)}`,
    measured: certs.length === 0 ? "none" : certs.map((k) => `${k.kind} ${fmtMs(k.p95Ms)}`).join(", "),
    met: certs.length === 0 ? null : worst <= LOAD_CERT_MAX_P95_MS,
  };
}
