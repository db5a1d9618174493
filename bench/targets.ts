/**
 * The issue's targets (server time p50 at the largest scale measured, which
 * is 36 for the committed table), matched to the cases the reports' own
 * bench.ts files name. A case no target names is still measured and shown;
 * the overhead target applies to every case with at most 1,000 rows.
 */
export interface CaseTarget {
  label: string;
  p50Ms: number;
  /** Also required at every scale, not only the largest: the as-of query must not grow with history. */
  flat?: boolean;
  /** One line for all the matching cases (the same report at many instants): p50 and p95 over their p50s. */
  group?: boolean;
  matches(report: string, name: string): boolean;
}

const has = (name: string, pattern: RegExp) => pattern.test(name.toLowerCase());
const oneTech = /one tech|single tech|a tech|tech=|1 tech/;

export const CASE_TARGETS: CaseTarget[] = [
  {
    label: "time-travel as-of, any instant",
    p50Ms: 200,
    flat: true,
    matches: (report, name) => report === "queue-time-travel" && !has(name, /depth|random/),
  },
  {
    label: "time-travel as-of, 20 random instants across the history",
    p50Ms: 200,
    group: true,
    matches: (report, name) => report === "queue-time-travel" && has(name, /random instant/),
  },
  {
    label: "queue depth, 7 days hourly",
    p50Ms: 300,
    matches: (report, name) =>
      (report === "queue-depth" || has(name, /depth/)) &&
      has(name, /7|seven|week/) &&
      !has(name, /day(ly)? step|daily/),
  },
  {
    label: "queue depth, 90 days daily",
    p50Ms: 300,
    matches: (report, name) => report === "queue-depth" && has(name, /90/) && has(name, /daily/),
  },
  {
    label: "scorecard, all techs, one year",
    p50Ms: 1500,
    matches: (report, name) => report === "tech-scorecard" && has(name, /year|365/) && !has(name, oneTech),
  },
  {
    label: "scorecard, one tech, one month",
    p50Ms: 200,
    matches: (report, name) => report === "tech-scorecard" && has(name, oneTech) && has(name, /month|30/),
  },
  {
    label: "scorecard, all techs, 12 months cut mid-month",
    p50Ms: 800,
    matches: (report, name) => report === "tech-scorecard" && has(name, /mid-month/) && !has(name, oneTech),
  },
  {
    label: "scorecard, all techs, last 30 days",
    p50Ms: 200,
    matches: (report, name) => report === "tech-scorecard" && has(name, /last 30/) && !has(name, oneTech),
  },
  {
    label: "profitability, all clients, 12 months to mid-month",
    p50Ms: 800,
    matches: (report, name) => report === "client-profitability" && has(name, /mid-month/),
  },
  {
    label: "profitability, all clients, last 30 / 90 days",
    p50Ms: 250,
    matches: (report, name) => report === "client-profitability" && has(name, /last (30|90) days/),
  },
  {
    label: "profitability, all clients, one year",
    p50Ms: 1500,
    matches: (report, name) => report === "client-profitability" && has(name, /year|365/),
  },
  {
    label: "cert lookup, partial",
    p50Ms: 100,
    matches: (report, name) => report === "cert-lookup" && has(name, /partial|fragment|substring|contains/),
  },
  {
    label: "cert lookup, exact",
    p50Ms: 20,
    matches: (report, name) => report === "cert-lookup" && !has(name, /partial|fragment|substring|contains/),
  },
];

export const targetOf = (report: string, name: string) => CASE_TARGETS.find((t) => t.matches(report, name));

/** Overhead above the floor, for results of at most OVERHEAD_MAX_ROWS rows: p50 ≤ 1.2 × floor + 15 ms. */
export const OVERHEAD_MAX_ROWS = 1000;
export const overheadLimitMs = (floorMs: number) => 1.2 * floorMs + 15;

// Issue #15's targets for serving many people at once.
export const EXPORT_MIN_ROWS_PER_SECOND = 250_000;
export const EXPORT_MAX_GROWTH_MB = 50;
export const EXPORT_ROWS_WANTED = 1_000_000;
export const LOAD_MAX_P95_MS = 2000;
/** Deliberate "busy" answers (503 with Retry-After) allowed in the mixed load, as a share of its requests. */
export const LOAD_MAX_BUSY_SHARE = 0.01;
/** Certificate lookups inside the mixed load: cheap work must not wait behind heavy work. */
export const LOAD_CERT_MAX_P95_MS = 250;
export const LOAD_MAX_WORKER_RSS_MB = 600;
/** A cached identical request: at least this share of a bare node http server's throughput on the same bytes. */
export const CACHED_MIN_SHARE_OF_BARE = 1 / 3;
/** A report page with its largest result: the HTML, with its inline RSC payload. */
export const PAGE_MAX_BYTES = 150 * 1024;
export const CERT_TARGET_COUNT = 500_000;
