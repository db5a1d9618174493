import "server-only";
import { type CompiledQuery, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { processWide } from "../process-wide";
import { config } from "./config";
import { typeParsers } from "./type-parsers";

/**
 * Lookback's own database (LOOKBACK_DATABASE_URL): writable, and not a
 * source. It holds what Lookback derives from the sources to answer faster
 * (the history index, lib/history), never anything that exists only here:
 * dropping it loses time, not data. Optional; callers get null without it.
 */
const holder = processWide("store-pool", () => ({ pool: undefined as pg.Pool | undefined }));

/** Connections to our own database; a few suffice (short index reads, one writer at a time). */
const STORE_POOL_MAX = 4;

export function storePool(): pg.Pool | null {
  const url = config().LOOKBACK_DATABASE_URL;
  if (!url) return null;
  if (!holder.pool) {
    const c = config();
    const pool = new pg.Pool({
      connectionString: url,
      max: STORE_POOL_MAX,
      connectionTimeoutMillis: c.LOOKBACK_CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: c.LOOKBACK_IDLE_TIMEOUT_MS,
      application_name: "lookback:store",
      // No parallel workers: its statements are short, and many reports run them at once beside the sources.
      options: `-c TimeZone=UTC -c statement_timeout=${c.LOOKBACK_STATEMENT_TIMEOUT_MS} -c max_parallel_workers_per_gather=0`,
      types: typeParsers,
      keepAlive: true,
    });
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    holder.pool = pool;
  }
  return holder.pool;
}

/** Kysely over our own database; `onQuery` records each statement as the sources' do ("view SQL", the bench floor). */
export function storeDb<DB>(onQuery?: (query: CompiledQuery, durationMs: number) => void): Kysely<DB> | null {
  const pool = storePool();
  if (!pool) return null;
  return new Kysely<DB>({
    // The pool is shared: the Kysely instance is a light wrapper, never destroyed (that would end the pool).
    dialect: new PostgresDialect({ pool }),
    log: onQuery
      ? (event) => {
          if (event.level === "query") onQuery(event.query, event.queryDurationMillis);
        }
      : undefined,
  });
}

export async function closeStorePool(): Promise<void> {
  const pool = holder.pool;
  holder.pool = undefined;
  await pool?.end();
}
