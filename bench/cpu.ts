import { readFileSync } from "node:fs";
import os from "node:os";
import { processes, TICKS_PER_SECOND, treeOf } from "./proc";

/**
 * How busy the machine was with work that is not the benchmark's: the
 * figures only mean something on an otherwise idle machine, and a shared one
 * (other people's builds and tests) slows PostgreSQL and the app alike. Every
 * second: the CPU time the whole system spent (/proc/stat) and the CPU time of
 * the benchmark's own processes: this process's tree (the harness, the app it
 * started, the embedded PostgreSQL) and every other `postgres` process on the
 * machine, since with `--url` the datasets live on a PostgreSQL started
 * outside the bench (the cost tool counts PostgreSQL the same way). The
 * difference is everyone else's. A share of 0.5 on two cores means one core
 * was busy elsewhere. (Another PostgreSQL on the machine busy with other work
 * would be counted as the benchmark's: said here, not measured.)
 */
interface Sample {
  at: number;
  system: number;
  mine: number;
}

export class CpuSampler {
  private samples: Sample[] = [];
  private timer?: NodeJS.Timeout;

  start(): this {
    this.samples.push(sample());
    this.timer = setInterval(() => this.samples.push(sample()), 1000);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Other processes' share of all CPUs from `from` (performance.now()) to now, 0 to 1, over whole samples around it. */
  othersShare(from: number): number {
    this.samples.push(sample());
    const first = this.samples.findLast((s) => s.at <= from) ?? this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at <= first.at) return NaN;
    const seconds = (last.at - first.at) / 1000;
    const others = last.system - first.system - (last.mine - first.mine);
    return Math.max(0, others / TICKS_PER_SECOND / seconds / os.availableParallelism());
  }
}

function sample(): Sample {
  return { at: performance.now(), system: systemBusyTicks(), mine: benchTicks() };
}

function systemBusyTicks(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  return cpu.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
}

/**
 * utime + stime of this process's tree and of every `postgres` process, each counted once, including
 * their waited-for children (cutime, cstime: a backend that ended is in its postmaster's).
 */
function benchTicks(): number {
  const all = processes();
  const tree = new Set(treeOf(process.pid, all));
  return all
    .filter((p) => tree.has(p.pid) || p.name === "postgres")
    .reduce((sum, p) => sum + p.ticks + p.childTicks, 0);
}
