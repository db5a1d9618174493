// A module resolution hook for Lookback's own server process (server.ts, run by tsx outside Next's
// bundler): there, the `server-only` marker that guards SQL modules against client bundles is empty,
// as Next.js and the tests (vitest.config.ts) make it. Without this, the job engine's tasks could not
// load the same SQL modules that pages run.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
