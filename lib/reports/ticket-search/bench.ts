/**
 * The target: a two-word search over all history (≤ 300 ms p50 with
 * the recommended index at scale 36). The generated comments are a few dozen
 * sentences, so nearly every word is in hundreds of thousands of them; what a
 * tech with a strange error types is rare. The rare case is a ticket number
 * with a word ("Duplicate of #2057511, merged." at scale 36); the common one,
 * not a target, shows what ranking a quarter of a million hits costs.
 */
export function benchCases(_endDate: string): { name: string; params: Record<string, string> }[] {
  return [
    { name: "two words, rare (all history)", params: { q: "duplicate 2057511" } },
    { name: "a phrase, rare (all history)", params: { q: '"duplicate of #2043811"' } },
    { name: "two words, common (all history)", params: { q: "vendor issue" } },
  ];
}
