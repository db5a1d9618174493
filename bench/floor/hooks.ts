/**
 * Module hooks that let plain Node (under tsx) load the report modules the way
 * Next's server build does: `server-only` is the empty marker it is in a React
 * server build, and a component's CSS module is an empty object, since the
 * floor only needs each report's SQL, never its markup.
 */
type Resolve = (
  specifier: string,
  context: unknown,
) => Promise<{ url: string; shortCircuit?: boolean; format?: string }>;

const EMPTY = "data:text/javascript,export default {};";

export async function resolve(specifier: string, context: unknown, next: Resolve) {
  if (specifier === "server-only" || specifier.endsWith(".css")) return { url: EMPTY, shortCircuit: true };
  return next(specifier, context);
}
