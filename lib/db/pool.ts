import pg from "pg";
import { config } from "./config";
import type { Source } from "./sources";

/**
 * Type parsers for every Lookback connection: `numeric` stays an exact
 * decimal string (money is never a float), `int8` counts and ids become
 * numbers (refused loudly past 2^53 rather than silently rounded), and
 * `date` stays the calendar day it is, never shifted by a time zone.
 */
const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be a number`);
  return value;
}

const int8ArrayParser = pg.types.getTypeParser(INT8_ARRAY as never);

export const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return parseInt8;
    if (oid === INT8_ARRAY) return (text: string) => (int8ArrayParser(text) as string[]).map(parseInt8);
    if (oid === DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid as never, format);
  },
} as pg.CustomTypesConfig;

/** One replica of a source: its own pool, and what we last learnt about its health. */
export interface Replica {
  source: Source;
  index: number;
  pool: pg.Pool;
  /** When it last failed to connect; avoided for a short while after. */
  failedAt?: number;
}

const replicas = new Map<Source, Replica[]>();
const roundRobin = new Map<Source, number>();
const AVOID_FAILED_MS = 10_000;

function urlsOf(source: Source): string[] {
  const c = config();
  return source === "helpdesk" ? c.HELPDESK_DATABASE_URL : c.BILLING_DATABASE_URL;
}

export function replicasOf(source: Source): Replica[] {
  let list = replicas.get(source);
  if (!list) {
    const c = config();
    list = urlsOf(source).map((connectionString, index) => {
      const pool = new pg.Pool({
        connectionString,
        max: c.LOOKBACK_POOL_MAX,
        connectionTimeoutMillis: c.LOOKBACK_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: c.LOOKBACK_IDLE_TIMEOUT_MS,
        application_name: "lookback",
        // Instants are compared and truncated in SQL; fix the session zone so that
        // nothing depends on the server's default. Reports convert explicitly.
        options: "-c TimeZone=UTC",
        types: typeParsers,
        keepAlive: true,
      });
      // An idle connection that dies (the replica restarted, a network blip) is
      // dropped by pg; without a listener it would crash the process.
      pool.on("error", () => {});
      return { source, index, pool };
    });
    replicas.set(source, list);
  }
  return list;
}

/** The next replica to use: round-robin over the ones that have not failed lately. */
export function pickReplica(source: Source): Replica {
  const list = replicasOf(source);
  const now = Date.now();
  const healthy = list.filter((r) => r.failedAt === undefined || now - r.failedAt > AVOID_FAILED_MS);
  const candidates = healthy.length > 0 ? healthy : list;
  const turn = (roundRobin.get(source) ?? 0) + 1;
  roundRobin.set(source, turn);
  return candidates[turn % candidates.length] as Replica;
}

export async function closePools(): Promise<void> {
  const all = [...replicas.values()].flat();
  replicas.clear();
  await Promise.all(all.map((r) => r.pool.end()));
}
