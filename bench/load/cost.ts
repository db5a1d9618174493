import os from "node:os";
import type { User } from "../../lib/auth/roles";
import { closePools } from "../../lib/db/pool";
import { type FloorTarget, pointAt, resolveCase } from "../floor/floor";
import { processes, TICKS_PER_SECOND } from "../proc";
import { type MixData, realisticMix } from "./mix";

/**
 * What one answer of each kind in the mixed load costs the machine, asked
 * one at a time in this process (runReport(), no HTTP, no cache): the CPU
 * time of this process (parsing rows, merging) and of every PostgreSQL
 * process on the machine (backends and their parallel workers) over the
 * run. Weighted by the mix, it says how many answers a second the cores can
 * give at most, and so how long 50 clients that ask again at once must wait
 * on average (Little's law: clients / answers a second), whatever the
 * queueing. PostgreSQL's share is only known when it runs on this machine.
 */
export interface KindCost {
  kind: string;
  runs: number;
  wallMs: number;
  nodeMs: number;
  /** null: no PostgreSQL process on this machine to measure. */
  postgresMs: number | null;
}

export interface CostResult {
  kinds: KindCost[];
  /** Machine milliseconds an answer costs on average, weighted as the mix asks. */
  perAnswerMs: number;
  /** This process's share of it (Node's CPU alone), weighted the same way. */
  nodePerAnswerMs: number;
  cores: number;
}

const USER: User = { login: "bench", role: "manager", teamIds: [], techId: undefined };

export async function measureCost(target: FloorTarget, data: MixData, requests: number, seed: number) {
  process.env.LOOKBACK_CACHE_TTL_SECONDS = "0";
  await pointAt(target);
  const { runReport } = await import("../../lib/reports/run");
  const mix = realisticMix(data, seed);
  const local = postgresCpuMs() !== null;
  const byKind = new Map<string, KindCost>();
  try {
    for (let i = 0; i < requests; i++) {
      const request = mix();
      const { report, params } = await resolveCase(
        { report: request.report, name: request.kind, params: request.params },
        USER,
      );
      const pgBefore = postgresCpuMs();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await runReport(report, params, { user: USER });
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = postgresCpuMs();
      // The first run of a kind pays for loading its modules: measured from the second on.
      const kind = byKind.get(request.kind);
      if (!kind) {
        byKind.set(request.kind, { kind: request.kind, runs: 0, wallMs: 0, nodeMs: 0, postgresMs: local ? 0 : null });
        continue;
      }
      kind.runs++;
      kind.wallMs += wall;
      kind.nodeMs += (cpu.user + cpu.system) / 1000;
      if (kind.postgresMs !== null) kind.postgresMs += (pgAfter ?? 0) - (pgBefore ?? 0);
    }
  } finally {
    await closePools();
  }
  const kinds = [...byKind.values()]
    .filter((k) => k.runs > 0)
    .map((k) => ({
      ...k,
      wallMs: k.wallMs / k.runs,
      nodeMs: k.nodeMs / k.runs,
      postgresMs: k.postgresMs === null ? null : k.postgresMs / k.runs,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  return {
    kinds,
    perAnswerMs: weighted(kinds, (k) => k.nodeMs + (k.postgresMs ?? 0)),
    nodePerAnswerMs: weighted(kinds, (k) => k.nodeMs),
    cores: os.availableParallelism(),
  } satisfies CostResult;
}

/** The mean of `ms` over the kinds, each weighted by its share of the runs (as the mix asks for it). */
function weighted(kinds: readonly KindCost[], ms: (kind: KindCost) => number): number {
  const runs = kinds.reduce((n, k) => n + k.runs, 0);
  return kinds.reduce((sum, k) => sum + (k.runs / runs) * ms(k), 0);
}

/** CPU time of every `postgres` process now (user + system, ms), or null when there is none to read. */
function postgresCpuMs(): number | null {
  const postgres = processes().filter((p) => p.name === "postgres");
  if (postgres.length === 0) return null;
  return (postgres.reduce((sum, p) => sum + p.ticks, 0) * 1000) / TICKS_PER_SECOND;
}

/** The cost table as Markdown, with what it implies for the mixed load on these cores. */
export function costMarkdown(result: CostResult, clients: number): string {
  const ms = (n: number | null) => (n === null ? "—" : Math.round(n).toLocaleString("en"));
  const rows = result.kinds.map(
    (k) =>
      `| ${k.kind} | ${k.runs} | ${ms(k.wallMs)} | ${ms(k.nodeMs)} | ${ms(k.postgresMs)} | ${ms(k.postgresMs === null ? null : k.nodeMs + k.postgresMs)} |`,
  );
  const perSecond = (result.cores * 1000) / result.perAnswerMs;
  return [
    "| kind | runs | wall ms | Node CPU ms | PostgreSQL CPU ms | machine ms |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `An answer costs **${result.perAnswerMs.toFixed(0)} ms** of machine on average, weighted as the mix asks: ` +
      `${result.cores} cores give at most ~${perSecond.toFixed(0)} answers a second, so ${clients} clients that ask ` +
      `again at once wait ~${(clients / perSecond).toFixed(1)} s on average (Little's law), before any HTTP, page or cache. ` +
      `This process's share alone is ${result.nodePerAnswerMs.toFixed(0)} ms an answer: what Lookback's cores would carry with the ` +
      `databases on machines of their own.`,
  ].join("\n");
}
