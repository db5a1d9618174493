import { type CompiledQuery, Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import Cursor from "pg-cursor";
import { config } from "./config";
import { type ClassifyContext, classify, SourceError } from "./errors";
import { FRESHNESS_COLUMNS, type Freshness, type FreshnessRow, toFreshness } from "./freshness";
import { markFailed, markHealthy, type Replica, replicasToTry } from "./pool";
import type { Source } from "./sources";

export interface ReadOnlyOptions {
  /** Shown as application_name `lookback:<label>` in pg_stat_activity, so a DBA can see who runs what. */
  label: string;
  timeoutMs?: number;
  /** Aborting cancels the running statement on the server. */
  signal?: AbortSignal;
  /** REPEATABLE READ, for work of several statements that must see one snapshot. */
  repeatable?: boolean;
  /** Called with every statement run, its parameters and duration: "view SQL" and the benchmark's floor. */
  onQuery?: (query: CompiledQuery, durationMs: number) => void;
}

export interface ReadOnlyTx<DB> {
  db: Kysely<DB>;
  client: pg.PoolClient;
  replica: Replica;
  freshness: Freshness;
}

export interface OpenTransaction<DB> extends ReadOnlyTx<DB> {
  /** Commit and return the connection to the pool. */
  commit(): Promise<void>;
  /** Roll back and discard the connection; returns the error as a SourceError. */
  fail(error: unknown): SourceError;
}

/**
 * Opens one READ ONLY transaction on a replica of `source`, with a statement
 * timeout and an application_name. Replicas are tried in the pool's order
 * (healthy and fresh first) until one answers, all within one connect
 * timeout shared among them, so a source that is down is reported (503)
 * within LOOKBACK_CONNECT_TIMEOUT_MS and one replica that hangs leaves time
 * for the next. Every failure becomes a SourceError that says
 * what happened, and the connection is then discarded, not returned to the
 * pool: a connection that was cancelled or cut by recovery is never reused.
 * Prefer `readOnly`, which closes the transaction for you.
 */
export async function openReadOnly<DB>(source: Source, options: ReadOnlyOptions): Promise<OpenTransaction<DB>> {
  const c = config();
  const timeoutMs = options.timeoutMs ?? c.LOOKBACK_STATEMENT_TIMEOUT_MS;
  const context: ClassifyContext = { timeoutMs, cancelled: false, unanswered: false };
  options.signal?.throwIfAborted();
  const deadline = Date.now() + c.LOOKBACK_CONNECT_TIMEOUT_MS;
  const candidates = replicasToTry(source);
  let lastError: unknown;
  for (const [i, replica] of candidates.entries()) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    // Share what is left among the replicas not tried yet: one that hangs cannot eat the others' chance.
    const budget = Math.max(remaining / (candidates.length - i), Math.min(remaining, 250));
    try {
      return await begin<DB>(replica, options, context, budget, c.LOOKBACK_CONNECT_TIMEOUT_MS);
    } catch (error) {
      const classified = classify(error, source, context);
      if (classified.kind !== "source_down") throw classified;
      lastError = error;
    }
  }
  throw classify(lastError ?? new Error("timeout exceeded when trying to connect"), source, context);
}

/** Connects to one replica and opens the transaction there; a replica that does not answer in time is marked failed. */
async function begin<DB>(
  replica: Replica,
  options: ReadOnlyOptions,
  context: ClassifyContext,
  withinMs: number,
  graceMs: number,
): Promise<OpenTransaction<DB>> {
  const source = replica.source;
  let client: pg.PoolClient;
  try {
    client = await connectWithin(replica.pool, withinMs);
  } catch (error) {
    markFailed(replica);
    throw error;
  }
  let pid: number | undefined;
  let done = false;
  const onAbort = () => {
    context.cancelled = true;
    if (pid !== undefined && !done) void cancelBackend(replica, pid);
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const finish = () => {
    done = true;
    options.signal?.removeEventListener("abort", onAbort);
  };
  const fail = (error: unknown) => {
    if (!done) {
      finish();
      client.release(error instanceof Error ? error : true);
    }
    const classified = classify(error, source, context);
    if (classified.kind === "source_down") markFailed(replica);
    return classified;
  };
  try {
    const settings = await watchdog(
      client,
      context,
      withinMs,
      (async () => {
        await client.query(options.repeatable ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN READ ONLY");
        return client.query<FreshnessRow & { pid: number }>(
          // JIT off: reports are one-off analytical statements, and compiling them cost 1-5 s in our
          // measurements for queries that run in under a second.
          `SELECT set_config('statement_timeout', $1, true), set_config('application_name', $2, true),
                  set_config('jit', 'off', true), pg_backend_pid() AS pid, ${FRESHNESS_COLUMNS}`,
          [`${context.timeoutMs}ms`, `lookback:${options.label}`.slice(0, 63)],
        );
      })(),
    );
    const row = settings.rows[0] as FreshnessRow & { pid: number };
    pid = row.pid;
    if (options.signal?.aborted) onAbort();
    const freshness: Freshness = {
      ...toFreshness(source, row),
      ...(replica.count > 1 ? { replica: { number: replica.index + 1, of: replica.count } } : {}),
    };
    markHealthy(replica, freshness.lagSeconds);
    return {
      // A statement may run for its timeout; past that plus a grace the server is not answering at all.
      db: kyselyOn<DB>(client, context, context.timeoutMs + graceMs, options.onQuery),
      client,
      replica,
      freshness,
      async commit() {
        try {
          await watchdog(client, context, graceMs, client.query("COMMIT"));
        } catch (error) {
          throw fail(error);
        }
        finish();
        client.release();
      },
      fail,
    };
  } catch (error) {
    throw fail(error);
  }
}

/** pool.connect() bounded by `ms`; a connection that arrives too late goes back to the pool unused. */
function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error("timeout exceeded when trying to connect"));
    }, ms);
    pool.connect().then(
      (client) => {
        if (late) client.release();
        else {
          clearTimeout(timer);
          resolve(client);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

/**
 * A server that stops answering (frozen, or a network that drops packets)
 * never fires its own statement timeout. Past `ms`, cut the connection:
 * the query then fails with "Connection terminated" and the replica is
 * reported down instead of the request hanging.
 */
async function watchdog<T>(client: pg.PoolClient, context: ClassifyContext, ms: number, work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    context.unanswered = true;
    const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    if (stream) stream.destroy();
    else void client.end().catch(() => {});
  }, ms);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` inside one READ ONLY transaction on `source` (see openReadOnly). */
export async function readOnly<DB, T>(
  source: Source,
  options: ReadOnlyOptions,
  work: (tx: ReadOnlyTx<DB>) => Promise<T>,
): Promise<T> {
  const tx = await openReadOnly<DB>(source, options);
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    throw tx.fail(error);
  }
  await tx.commit();
  return result;
}

/** A Kysely instance whose only connection is the transaction's client, each statement under the watchdog. */
function kyselyOn<DB>(
  client: pg.PoolClient,
  context: ClassifyContext,
  watchMs: number,
  onQuery?: ReadOnlyOptions["onQuery"],
): Kysely<DB> {
  const query = (...args: unknown[]) => {
    const result = (client.query as (...a: unknown[]) => unknown)(...args);
    // A cursor (streamed export) is not a promise: its reads run under the statement timeout only.
    return result instanceof Promise ? watchdog(client, context, watchMs, result) : result;
  };
  const single = {
    connect: async () => ({ query, release() {} }),
    end: async () => {},
  };
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: single as never, cursor: Cursor }),
    log: onQuery
      ? (event) => {
          if (event.level === "query") onQuery(event.query, event.queryDurationMillis);
        }
      : undefined,
  });
}

/** pg has no cancel request of its own: ask the server, on another connection, to cancel the backend. */
async function cancelBackend(replica: Replica, pid: number): Promise<void> {
  try {
    await replica.pool.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The statement ends at its timeout anyway; nothing more to do.
  }
}

/** The freshness of a source, on its own: for the catalog and health checks. */
export function freshness(source: Source, signal?: AbortSignal): Promise<Freshness> {
  return readOnly(source, { label: "freshness", signal }, async (tx) => tx.freshness);
}

export { SourceError };
