import { rssBytes, treeOf } from "../proc";

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
  return treeOf(rootPid).reduce((max, pid) => Math.max(max, rssBytes(pid)), 0);
}
