import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

/** Streams a query's rows from one session into a table of another, in PostgreSQL's text COPY format. */
export async function copyAcross(source: pg.Client, query: string, target: pg.Client, table: string): Promise<void> {
  await pipeline(source.query(copyTo(`COPY (${query}) TO STDOUT`)), target.query(copyFrom(`COPY ${table} FROM STDIN`)));
}
