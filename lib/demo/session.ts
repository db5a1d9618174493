import type pg from "pg";
import type { DemoParams } from "./options";
import { lit } from "./sql";

/**
 * Prepares one generator session: settings for a bulk load, and pg_temp
 * functions for the parameters and the hash-based random numbers. pg_temp
 * objects vanish when the session ends, so the databases keep exactly their
 * schema.
 */
export async function prepareSession(client: pg.Client, params: DemoParams): Promise<void> {
  await client.query(`
    SET temp_buffers = '512MB'; -- must precede the first use of a temp table in the session
    SET work_mem = '512MB';
    SET maintenance_work_mem = '512MB';
    SET max_parallel_workers_per_gather = 0;
    SET jit = off; -- compiling the big INSERT … SELECTs costs more than it saves
    SET synchronous_commit = off;
    SET TimeZone = 'UTC';
  `);
  await client.query(functionsSql(params));
}

function functionsSql(p: DemoParams): string {
  const constants: [name: string, type: string, value: string][] = [
    ["seed", "bigint", String(p.seed)],
    ["scale", "float8", String(p.scale)],
    ["start_day", "date", lit(p.startDay)],
    ["end_day", "date", lit(p.endDay)],
    ["start_ts", "timestamptz", lit(`${p.startDay} 00:00:00+00`)],
    ["end_ts", "timestamptz", lit(`${p.endDay} 00:00:00+00`)],
    ["spike_day", "date", lit(p.spikeDay)],
    ["n_tickets", "int", String(p.tickets)],
    ["n_techs", "int", String(p.techs)],
    ["n_customers", "int", String(p.customers)],
    ["account_range", "int", String(p.accountRange)],
    ["n_certificates", "int", String(p.certificates)],
  ];
  // Immutable one-line SQL functions are inlined and folded into constants by the planner.
  const parameterFunctions = constants.map(
    ([name, type, value]) =>
      `CREATE FUNCTION pg_temp.${name}() RETURNS ${type} LANGUAGE sql IMMUTABLE AS $$ SELECT ${value}::${type} $$;`,
  );
  return `
    ${parameterFunctions.join("\n    ")}

    -- A uniform float in [0, 1) from (seed, key, salt). hashint8extended is the
    -- hash PostgreSQL's hash partitioning relies on, so it is stable across
    -- versions; the salt's hashtext folds into a constant at plan time.
    CREATE FUNCTION pg_temp.rnd(key bigint, salt text) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
      SELECT (hashint8extended(key, (pg_temp.seed() << 32) + hashtext(salt)) & 4294967295)::float8 / 4294967296
    $$;

    -- A uniform integer in [0, n).
    CREATE FUNCTION pg_temp.rint(key bigint, salt text, n int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
      SELECT floor(pg_temp.rnd(key, salt) * n)::int
    $$;
  `;
}
