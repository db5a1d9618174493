// A module resolution hook for Lookback's own server process (server.ts, run by tsx outside Next's
// bundler), where the job engine's tasks (a subscription's delivery) and the streamed CSV exports load
// the same report modules that pages run:
// - the `server-only` marker that guards SQL modules against client bundles is empty, as Next.js and
//   the tests (vitest.config.ts) make it;
// - a stylesheet a report's view imports is a CSS module whose class names are their own keys: no
//   markup is rendered in that process, but the import must not fail.
const EMPTY = "data:text/javascript,export{}";
const CSS_MODULE = `data:text/javascript,${encodeURIComponent("export default new Proxy({}, { get: (_, key) => String(key) });")}`;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: EMPTY, shortCircuit: true };
  if (specifier.endsWith(".css")) return { url: CSS_MODULE, shortCircuit: true };
  return nextResolve(specifier, context);
}
