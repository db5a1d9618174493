import type { DatasetCounts } from "../dataset/counts";
import type { ExportRun } from "../export";
import type { Floor } from "../floor/floor";
import type { CaseTiming } from "../latency";
import type { LoadRun } from "../load/run-load";
import type { Machine } from "../machine";

/** Everything one harness run measured: bench/results/latest.json, and the source of the Markdown table. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  quick: boolean;
  machine: Machine;
  postgres: { embedded: boolean; version: string; settings: string[] };
  /** The demo's end date: history is the two years before it. */
  historyEnd: string;
  runsPerCase: number;
  /** Other processes' share of the CPUs over the whole run (bench/cpu.ts). */
  othersCpu: number;
  datasets: DatasetResult[];
  skipped: { report: string; reason: string }[];
  cases: CaseResult[];
  load: LoadRun[];
  export?: ExportRun;
  checks: TargetCheck[];
}

export interface DatasetResult {
  scale: number;
  reused: boolean;
  generatedSeconds: number;
  indexSeconds: number;
  /** The history index's build, when it was built in this run (not reused); and its size. */
  historySeconds?: number;
  historySpans?: number;
  counts: DatasetCounts;
  /** Certificates added for the cert-lookup target, beyond the demo's own. */
  certificatesAdded: number;
}

export interface CaseResult extends CaseTiming, Omit<Floor, "error"> {
  report: string;
  name: string;
  scale: number;
  params: Record<string, string | string[]>;
  /** Server p50 / floor. */
  ratio: number;
  /** Server p50 − floor. */
  overheadMs: number;
  /** Other processes' share of the CPUs while the case was timed (bench/cpu.ts). */
  othersCpu: number;
  floorError?: string;
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
  note?: string;
}
