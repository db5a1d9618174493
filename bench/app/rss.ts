import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident memory of the app server: the sum of VmRSS over its process tree
 * (next start and anything it forks), sampled from /proc every 100 ms.
 * Linux only, like the benchmark machine.
 */
export function treeRssBytes(rootPid: number): number {
  return descendants(rootPid).reduce((sum, pid) => sum + rssBytes(pid), 0);
}

export interface RssSampler {
  /** The largest tree RSS seen since start() (bytes). */
  peak(): number;
  stop(): number;
}

export function sampleRss(rootPid: number, everyMs = 100): RssSampler {
  let peak = treeRssBytes(rootPid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(rootPid));
  }, everyMs);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRssBytes(rootPid));
      return peak;
    },
  };
}

function descendants(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
