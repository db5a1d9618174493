import { readdirSync, readFileSync } from "node:fs";

/**
 * The resident memory of the largest single process in the server's tree,
 * sampled every 250 ms: with several cluster workers the tree's sum says
 * little about the "per worker" target. Linux only, like the bench machine.
 */
export function sampleLargestProcess(rootPid: number, everyMs = 250): { stop(): number } {
  let peak = largest(rootPid);
  const timer = setInterval(() => {
    peak = Math.max(peak, largest(rootPid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, largest(rootPid));
    },
  };
}

function largest(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let max = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) max = Math.max(max, Number(match[1]) * 1024);
    } catch {
      // gone
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return max;
}
