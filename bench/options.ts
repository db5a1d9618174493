import { parseArgs } from "node:util";

/**
 * `npm run bench -- [options]`: what to measure and where. The defaults are
 * the committed table's: scales 3, 10 and 36 (20 million events) on an embedded PostgreSQL, 10
 * warm runs per case, 60 s load runs, 500k certificates at the largest scale.
 * `--quick` is the CI smoke run: a tiny scale, few runs, 3 s load runs, results
 * under bench/results/tmp/ so the committed table is left alone.
 */
export interface BenchOptions {
  scales: number[];
  /** A PostgreSQL server URL to create the bench databases on; the embedded one when absent. */
  url?: string;
  pgPort: number;
  dataDir: string;
  appPort: number;
  seed: number;
  endDate: string;
  runs: number;
  floorRuns: number;
  loadSeconds: number;
  connections: number;
  /** Certificates the largest scale is topped up to for the cert-lookup target (0: leave the demo's). */
  certs: number;
  build: boolean;
  /** Build and serve a copy of the code (in the temporary folder), immune to edits during the run. */
  snapshot: boolean;
  quick: boolean;
  /** Only make (or check) the datasets, then stop: generation of the big scales takes long. */
  prepare: boolean;
  only?: string[];
  /** Only these load runs, each at the cache TTLs given (`mixed@60`), instead of all of them at both. */
  loads?: { name: string; ttl?: number }[];
  load: boolean;
  exportRun: boolean;
  regenerate: boolean;
  /** Appended to bench_s<scale>_lookback: a copy of our database to build summaries into, leaving the shared one alone. */
  storeSuffix: string;
  /** Only measure what each kind of the mixed load costs the machine, over this many requests (0: not). */
  cost: number;
  /** Only render bench/results/latest.json again (Markdown and docs/performance.md). */
  render: boolean;
  outDir: string;
}

export const HELP = `npm run bench -- [options]

  --scale 3,10,36     demo scale factors to measure (1 ≈ 60k tickets, 0.7M events)
  --url URL           a PostgreSQL server to create bench_s<scale>_* databases on (default: embedded)
  --pg-port 54339     port of the embedded PostgreSQL (data in --data-dir, default .data/bench-pg)
  --port 3200         port of the production build under test
  --end-date DAY      last day of the generated history (default 2026-11-01, so datasets are reused)
  --runs 10           warm runs per case (after one cold run)
  --load-seconds 60   length of each concurrency run (50 clients: --connections)
  --certs 500000      certificates at the largest scale, for the cert-lookup target (0: the demo's own)
  --only a,b          only these reports (ids)
  --loads L@TTL,…     only these load runs (mixed, "mixed, one page" as one-page, identical, distinct), each at
                      its cache TTL when given (mixed@60): quicker runs while working on the load
  --cost N            only measure what each kind of the mixed load costs the machine (Node and PostgreSQL CPU),
                      N requests of the mix asked one at a time in the harness, on the largest scale
  --render            only write the Markdown of bench/results/latest.json again
  --prepare           only generate (or check) the datasets, measure nothing
  --snapshot          build and serve a copy of the code (in the temporary folder), so edits during a run change nothing
  --store-suffix S    use bench_s<scale>_lookback<S> as Lookback's own database (a copy: summaries of a branch
                      are built there, the shared one is left alone)
  --no-load / --no-export / --no-build / --regenerate
  --quick             CI smoke run: --scale 0.05, 3 runs, 3 s loads, results in bench/results/tmp/

  BENCH_NODE_ARGS     node flags for the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  BENCH_SERVER_ENV    settings for the server under test instead of the table's, e.g. "LOOKBACK_POOL_MAX=6"`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scale: { type: "string" },
      url: { type: "string" },
      "pg-port": { type: "string", default: "54339" },
      "data-dir": { type: "string", default: ".data/bench-pg" },
      port: { type: "string", default: "3200" },
      seed: { type: "string", default: "1" },
      "end-date": { type: "string", default: "2026-11-01" },
      runs: { type: "string" },
      "load-seconds": { type: "string" },
      connections: { type: "string", default: "50" },
      certs: { type: "string" },
      only: { type: "string" },
      loads: { type: "string" },
      "no-load": { type: "boolean", default: false },
      "no-export": { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      snapshot: { type: "boolean", default: false },
      regenerate: { type: "boolean", default: false },
      "store-suffix": { type: "string", default: "" },
      quick: { type: "boolean", default: false },
      prepare: { type: "boolean", default: false },
      render: { type: "boolean", default: false },
      cost: { type: "string", default: "0" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick;
  const scales = (values.scale ?? (quick ? "0.05" : "3,10,36")).split(",").map((s) => number("scale", s));
  if (scales.some((s) => s < 0.01)) throw new Error("--scale: each scale must be at least 0.01");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values["end-date"])) throw new Error("--end-date must be YYYY-MM-DD");
  const runs = integer("runs", values.runs ?? (quick ? "3" : "10"));
  // Only a complete run with the defaults makes the committed table; anything less goes to tmp/.
  const complete =
    !quick &&
    !values.only &&
    !values.loads &&
    !values["no-load"] &&
    !values["no-export"] &&
    values.scale === undefined &&
    !values.runs &&
    !values["store-suffix"];
  return {
    scales: [...new Set(scales)].sort((a, b) => a - b),
    url: values.url,
    pgPort: integer("pg-port", values["pg-port"]),
    dataDir: values["data-dir"],
    appPort: integer("port", values.port),
    seed: integer("seed", values.seed),
    endDate: values["end-date"],
    runs,
    floorRuns: Math.min(runs, 5),
    loadSeconds: integer("load-seconds", values["load-seconds"] ?? (quick ? "3" : "60")),
    connections: integer("connections", values.connections),
    certs: integer("certs", values.certs ?? (quick ? "0" : "500000"), 0),
    storeSuffix: storeSuffix(values["store-suffix"]),
    build: !values["no-build"],
    snapshot: values.snapshot,
    quick,
    prepare: values.prepare,
    only: values.only?.split(",").map((s) => s.trim()),
    loads: values.loads?.split(",").map(loadRun),
    load: !values["no-load"],
    exportRun: !values["no-export"],
    regenerate: values.regenerate,
    render: values.render,
    cost: integer("cost", values.cost, 0),
    outDir: values.out ?? (complete || values.render ? "bench/results" : "bench/results/tmp"),
  };
}

function number(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name}: '${text}' is not a number`);
  return value;
}

function integer(name: string, text: string, min = 1): number {
  const value = number(name, text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
}

const LOAD_NAMES: Record<string, string> = {
  mixed: "mixed",
  "one-page": "mixed, one page",
  identical: "identical",
  distinct: "distinct",
};

function loadRun(text: string): { name: string; ttl?: number } {
  const [given = "", ttl] = text.trim().split("@");
  const name = LOAD_NAMES[given];
  if (!name) throw new Error(`--loads: '${given}' is not one of ${Object.keys(LOAD_NAMES).join(", ")}`);
  return ttl === undefined ? { name } : { name, ttl: integer("loads", ttl, 0) };
}

function storeSuffix(text: string): string {
  if (!/^[a-z0-9_]*$/.test(text)) throw new Error("--store-suffix: lower-case letters, digits and _ only");
  return text;
}
