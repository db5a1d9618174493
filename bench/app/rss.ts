import { rssBytes, treeOf } from "../proc";

/**
 * Resident memory of the app server: the sum of VmRSS over its process tree
 * (next start and anything it forks), sampled from /proc every 100 ms.
 * Linux only, like the benchmark machine.
 */
export function treeRssBytes(rootPid: number): number {
  return treeOf(rootPid).reduce((sum, pid) => sum + rssBytes(pid), 0);
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
