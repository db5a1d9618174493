import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/**
 * How busy the machine was with work that is not the benchmark's: the
 * figures only mean something on an otherwise idle machine, and a shared one
 * (other people's builds and tests) slows PostgreSQL and the app alike. Every
 * second: the CPU time the whole system spent (/proc/stat) and the CPU time of
 * this process's tree (the harness, the app it started, the embedded
 * PostgreSQL); the difference is everyone else's. A share of 0.5 on two cores
 * means one core was busy elsewhere.
 */
interface Sample {
  at: number;
  system: number;
  mine: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

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
  return { at: performance.now(), system: systemBusyTicks(), mine: treeTicks(process.pid) };
}

function systemBusyTicks(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  return cpu.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
}

/** utime + stime of `root` and its descendants, including their waited-for children (cutime, cstime). */
function treeTicks(root: number): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
      stats.set(Number(entry), {
        parent: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, s] of stats) if (s.parent === tree[i]) tree.push(pid);
  return tree.reduce((sum, pid) => sum + (stats.get(pid)?.ticks ?? 0), 0);
}
