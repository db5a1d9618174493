/**
 * mulberry32: a small, well-known seeded generator, uniform in [0, 1). The
 * random test histories, the parameter fuzz test and the benchmark's load mix
 * all draw from it, so the same seed gives the same data everywhere.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
