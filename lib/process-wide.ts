/**
 * State that must exist once per server process. Next.js bundles route
 * handlers, pages and the custom server separately, so a module-level `const`
 * can exist several times in one process: two pools per source would let the
 * process hold twice the connections it was configured for, and two caches
 * would run the same query twice. Keeping the value on globalThis under a
 * registered symbol makes every copy of the module share it.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`lookback.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  store[key] ??= create();
  return store[key] as T;
}
