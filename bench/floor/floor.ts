import pg from "pg";
import type { User } from "../../lib/auth/roles";
import { resetConfig } from "../../lib/db/config";
import { closePools } from "../../lib/db/pool";
import type { Source } from "../../lib/db/sources";
import type { Report } from "../../lib/reports/types";
import type { BenchCase } from "../cases";
import { percentile } from "../stats";

/**
 * The floor: what PostgreSQL itself spends on a case. The report module is
 * run here, in the harness, through the same runReport() the server uses,
 * against the same databases and with the same parameters (parsed by the
 * same prepare()), to get the exact statements it sends (run.queries, what
 * "View SQL" shows). Each statement is then run again with its bound
 * parameters, twice over: under EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON),
 * for PostgreSQL's own planning + execution time, and directly with `pg`,
 * for the round trip with the rows. Per source, the floor is the smaller of
 * the two sums over its statements (EXPLAIN's per-row instrumentation can
 * cost more than sending the rows); a report reading both sources may run
 * them at once, so its floor is the slower source's: the time no application
 * code can beat. Settings a report
 * makes for its own transaction (`SET LOCAL jit = off`) are replayed as they
 * are, in one transaction per source, since they change the plans. `lib*` is
 * runReport() alone, without Next or HTTP: the overhead splits into the data
 * layer's share (connection, BEGIN, settings, COMMIT, row parsing) and the
 * web layer's (routing, JSON, transfer). A report that is not in the registry
 * (one a page runs itself, such as queue-depth) cannot be reached through the
 * API; its module is loaded from its folder and these in-process figures are
 * its only ones.
 *
 * Needs bench/floor/register.ts loaded first (`server-only`, CSS modules).
 */
export interface Floor {
  /** Per source, the smaller of EXPLAIN's and the direct time; of the sources, the slower (they work at once). */
  floorMs: number;
  /** EXPLAIN ANALYZE: planning + execution, p50 over the replays, of the slower source. */
  explainMs: number;
  /** Planning time of all statements (EXPLAIN), p50 over the replays. */
  planningMs: number;
  /** The statements sent with pg as they are, rows received: p50 over the replays, of the slower source. */
  directMs: number;
  statements: number;
  /** runReport() in this process: first run, p50 and p95 of the rest, rows. */
  libColdMs: number;
  libP50Ms: number;
  libP95Ms: number;
  libRows: number;
  /** The report is not in the registry, so the API cannot run it: only the in-process figures exist. */
  unregistered: boolean;
  error?: string;
}

export interface FloorTarget {
  helpdeskUrl: string;
  billingUrl: string;
  /** Lookback's own database (the history index), when the app under test has one. */
  storeUrl?: string;
}

/** Where a statement ran: a source, or our own database. */
type Executor = Source | "lookback";

const BENCH_USER: User = { login: "bench", role: "manager", teamIds: [], techId: undefined };

/**
 * A case's report and parsed parameters, as the API would run them (prepare()); a report a page runs
 * itself (queue depth) is not in the registry, so its module is loaded from its folder and the
 * parameters parsed against its schema. Loaded lazily: the environment names the databases first.
 */
export async function resolveCase(
  c: BenchCase,
  user: User,
): Promise<{ report: Report; params: unknown; unregistered: boolean }> {
  const { prepare } = await import("../../lib/reports/request");
  const { parseParams } = await import("../../lib/params/parse");
  const prepared = prepare(c.report, c.params, user);
  if (prepared.kind === "ok") return { report: prepared.report, params: prepared.params, unregistered: false };
  if (prepared.kind !== "not_found") throw new Error(`prepare: ${prepared.kind}`);
  const module = (await import(`../../lib/reports/${c.report}`)) as Record<string, unknown>;
  const report = Object.values(module).find((v): v is Report => (v as Report | null)?.id === c.report);
  if (!report) throw new Error(`lib/reports/${c.report} exports no report with that id`);
  const parsed = parseParams(report.params, c.params);
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.issues)}`);
  return { report, params: parsed.params, unregistered: true };
}

/** Points this process's data layer at `target`'s databases (its pools closed first), as the server's environment would. */
export async function pointAt(target: FloorTarget): Promise<void> {
  process.env.HELPDESK_DATABASE_URL = target.helpdeskUrl;
  process.env.BILLING_DATABASE_URL = target.billingUrl;
  if (target.storeUrl) process.env.LOOKBACK_DATABASE_URL = target.storeUrl;
  else delete process.env.LOOKBACK_DATABASE_URL;
  resetConfig();
  await closePools();
}

export async function measureFloors(
  target: FloorTarget,
  cases: BenchCase[],
  runs: { lib: number; explain: number },
): Promise<Floor[]> {
  await pointAt(target);
  const { runReport } = await import("../../lib/reports/run");
  const explainers = {
    helpdesk: await connect(target.helpdeskUrl),
    billing: await connect(target.billingUrl),
    ...(target.storeUrl ? { lookback: await connect(target.storeUrl) } : {}),
  } as Record<Executor, pg.Client>;
  try {
    const floors: Floor[] = [];
    for (const c of cases) floors.push(await floorOf(c));
    return floors;
  } finally {
    await Promise.all(Object.values(explainers).map((client) => client.end()));
    // The harness's own pool must not count as the app's connections in the load run.
    await closePools();
  }

  async function floorOf(c: BenchCase): Promise<Floor> {
    try {
      const { report, params, unregistered } = await resolveCase(c, BENCH_USER);
      const lib: number[] = [];
      let libRows = 0;
      let queries: { source: Executor; sql: string; parameters: unknown[] }[] = [];
      // One more than `runs.lib`: the first is the cold one.
      for (let i = 0; i <= runs.lib; i++) {
        const started = performance.now();
        const run = await runReport(report, params, { user: BENCH_USER });
        lib.push(performance.now() - started);
        queries = run.queries;
        libRows = run.rows.length;
      }
      const [libColdMs, ...warm] = lib as [number, ...number[]];
      const explained: PerSource[] = [];
      const direct: PerSource[] = [];
      for (let i = 0; i < runs.explain; i++) {
        explained.push(await replay(explainers, queries, explain));
        direct.push(await replay(explainers, queries, roundTrip));
      }
      const sources = [...new Set(queries.map((q) => q.source))];
      const median = (replays: PerSource[], source: Executor) =>
        percentile(
          replays.map((r) => (r[source]?.planning ?? 0) + (r[source]?.execution ?? 0)),
          50,
        );
      // Each source's statements run one after another on its connection, but two sources work at once:
      // the floor is the slower source's. Our own database is read between helpdesk statements (the history
      // index is caught up to the helpdesk snapshot first), so its time adds to the helpdesk's.
      const floorOf = (s: Executor) => Math.min(median(explained, s), median(direct, s));
      const chains = (per: (s: Executor) => number) => [
        (sources.includes("helpdesk") ? per("helpdesk") : 0) + (sources.includes("lookback") ? per("lookback") : 0),
        sources.includes("billing") ? per("billing") : 0,
      ];
      const planning = explained.map((r) => sources.reduce((sum, s) => sum + (r[s]?.planning ?? 0), 0));
      return {
        floorMs: sources.length ? Math.max(...chains(floorOf)) : 0,
        explainMs: Math.max(0, ...chains((s) => median(explained, s))),
        planningMs: planning.length ? percentile(planning, 50) : 0,
        directMs: Math.max(0, ...chains((s) => median(direct, s))),
        statements: queries.length,
        libColdMs,
        libP50Ms: percentile(warm, 50),
        libP95Ms: percentile(warm, 95),
        libRows,
        unregistered,
      };
    } catch (error) {
      return failed((error as Error).message);
    }
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC", application_name: "bench-floor" });
  await client.connect();
  return client;
}

type Measure = (
  client: pg.Client,
  sql: string,
  parameters: unknown[],
) => Promise<{ planning: number; execution: number }>;

type PerSource = Partial<Record<Executor, { planning: number; execution: number }>>;

/** One replay of a run's statements, in order, each source in its own transaction as in runReport(). */
async function replay(
  explainers: Record<Executor, pg.Client>,
  queries: { source: Executor; sql: string; parameters: unknown[] }[],
  measure: Measure,
): Promise<PerSource> {
  const totals: PerSource = {};
  const sources = [...new Set(queries.map((q) => q.source))];
  for (const source of sources) {
    await explainers[source].query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // What lib/db/read-only.ts sets for every report transaction besides its timeout and name.
    await explainers[source].query("SET LOCAL jit = off");
  }
  try {
    for (const q of queries) {
      // A report's own transaction on a source (recurring work's on our database): the replay already is one.
      if (TRANSACTION.test(q.sql)) continue;
      if (SETTING.test(q.sql)) {
        await explainers[q.source].query(q.sql, q.parameters);
        continue;
      }
      const plan = await measure(explainers[q.source], q.sql, q.parameters);
      const total = totals[q.source] ?? { planning: 0, execution: 0 };
      totals[q.source] = { planning: total.planning + plan.planning, execution: total.execution + plan.execution };
    }
  } finally {
    for (const source of sources) await explainers[source].query("ROLLBACK");
  }
  return totals;
}

/** Statements that only change settings: no plan, nothing to explain. */
const SETTING = /^\s*(SET|RESET)\s/i;

/** Transaction control (Kysely's `begin` and `commit` around a transaction it runs). */
const TRANSACTION = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;

interface ExplainJson {
  "Planning Time": number;
  "Execution Time": number;
}

/** The statement sent as it is; its round trip, rows included, counts as execution. */
async function roundTrip(client: pg.Client, sql: string, parameters: unknown[]) {
  const started = performance.now();
  await client.query(sql, parameters);
  return { planning: 0, execution: performance.now() - started };
}

async function explain(client: pg.Client, sql: string, parameters: unknown[]) {
  const { rows } = await client.query<{ "QUERY PLAN": ExplainJson[] }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
    parameters,
  );
  const plan = rows[0]?.["QUERY PLAN"][0];
  if (!plan) throw new Error("EXPLAIN returned no plan");
  return { planning: plan["Planning Time"], execution: plan["Execution Time"] };
}

function failed(error: string): Floor {
  return {
    floorMs: NaN,
    explainMs: NaN,
    directMs: NaN,
    planningMs: NaN,
    statements: 0,
    libColdMs: NaN,
    libP50Ms: NaN,
    libP95Ms: NaN,
    libRows: 0,
    unregistered: false,
    error,
  };
}
