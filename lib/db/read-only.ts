import { type CompiledQuery, Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import Cursor from "pg-cursor";
import { config } from "./config";
import { classify, SourceError } from "./errors";
import { FRESHNESS_COLUMNS, type Freshness, type FreshnessRow, toFreshness } from "./freshness";
import { pickReplica, type Replica } from "./pool";
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
 * timeout and an application_name. Every failure becomes a SourceError that
 * says what happened, and the connection is then discarded, not returned to
 * the pool: a connection that was cancelled or cut by recovery is never reused.
 * Prefer `readOnly`, which closes the transaction for you.
 */
export async function openReadOnly<DB>(source: Source, options: ReadOnlyOptions): Promise<OpenTransaction<DB>> {
  const timeoutMs = options.timeoutMs ?? config().LOOKBACK_STATEMENT_TIMEOUT_MS;
  const context = { timeoutMs, cancelled: false };
  options.signal?.throwIfAborted();
  const replica = pickReplica(source);
  let client: pg.PoolClient;
  try {
    client = await replica.pool.connect();
  } catch (error) {
    replica.failedAt = Date.now();
    throw classify(error, source, context);
  }
  replica.failedAt = undefined;
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
    return classify(error, source, context);
  };
  try {
    await client.query(options.repeatable ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN READ ONLY");
    const settings = await client.query<FreshnessRow & { pid: number }>(
      `SELECT set_config('statement_timeout', $1, true), set_config('application_name', $2, true),
              pg_backend_pid() AS pid, ${FRESHNESS_COLUMNS}`,
      [`${timeoutMs}ms`, `lookback:${options.label}`.slice(0, 63)],
    );
    const row = settings.rows[0] as FreshnessRow & { pid: number };
    pid = row.pid;
    if (options.signal?.aborted) onAbort();
    return {
      db: kyselyOn<DB>(client, options.onQuery),
      client,
      replica,
      freshness: toFreshness(source, row),
      async commit() {
        try {
          await client.query("COMMIT");
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

/** A Kysely instance whose only connection is the transaction's client. */
function kyselyOn<DB>(client: pg.PoolClient, onQuery?: ReadOnlyOptions["onQuery"]): Kysely<DB> {
  const single = {
    connect: async () => ({
      query: client.query.bind(client),
      release() {},
    }),
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
