import { readdirSync, readFileSync } from "node:fs";

/**
 * The machine's processes as /proc shows them: what the CPU and memory
 * samplers read. Linux only, like the benchmark machine.
 */
export interface ProcessStat {
  pid: number;
  /** The command name (the stat line's second field, without its parentheses). */
  name: string;
  parent: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
  /** cutime + cstime: its waited-for children's, in clock ticks. */
  childTicks: number;
}

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Every process now; one that ends while it is read is left out. */
export function processes(): ProcessStat[] {
  const all: ProcessStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name may hold spaces and parentheses: the other fields are split after its last ')'.
      // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      all.push({
        pid: Number(entry),
        name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        parent: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]),
        childTicks: Number(f[13]) + Number(f[14]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return all;
}

/** `root` and its descendants among `all`, root first. */
export function treeOf(root: number, all: readonly ProcessStat[] = processes()): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const p of all) if (p.parent === tree[i]) tree.push(p.pid);
  return tree;
}

/** A process's resident memory now (VmRSS), 0 when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
