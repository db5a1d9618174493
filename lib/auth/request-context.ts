import { AsyncLocalStorage } from "node:async_hooks";
import type { User } from "./roles";

/**
 * What Lookback's own server (server.ts, through gate.ts) learnt about a
 * request before handing it to Next.js: the verified user in proxy mode, the
 * client's address, and a signal that aborts when the client goes away.
 * Next.js gives pages neither the peer address nor a disconnect signal, so
 * the gate runs each request inside this AsyncLocalStorage; server
 * components and route handlers read it back. The store lives on globalThis
 * because server.ts and the Next.js bundle each load their own copy of
 * this module in the same process.
 */
export interface RequestContext {
  /** Proxy mode: the user the gate verified. Demo mode: absent (the role cookie decides). */
  user?: User;
  /** The client's address: the peer, or the one a trusted proxy forwarded. */
  client?: string;
  /** Aborted when the client disconnects before its response is complete. */
  signal: AbortSignal;
}

const KEY = Symbol.for("lookback.request-context");

function storage(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
  g[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[KEY];
}

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage().run(context, work);
}

/** The current request's context; undefined outside Lookback's server (next dev, tests, scripts). */
export function requestContext(): RequestContext | undefined {
  return storage().getStore();
}
