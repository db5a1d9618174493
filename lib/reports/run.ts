import "server-only";
import type { CompiledQuery, Kysely } from "kysely";
import type pg from "pg";
import type { z } from "zod";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { busyError, SourceError } from "../db/errors";
import type { Freshness } from "../db/freshness";
import { GateTimeout, type Release } from "../db/gate";
import { heavyGate, replicasOf, runningOn, sharedGate } from "../db/pool";
import { type OpenTransaction, openReadOnly } from "../db/read-only";
import type { Source } from "../db/sources";
import { storeDb } from "../db/store";
import { errorMessage, log } from "../log";
import { copyRows, copyStatement } from "./copy-csv";
import { checkKnown } from "./known";
import type { Column, QueryContext, Report, Row, SummaryUse } from "./types";

/** One statement a report ran: what "view SQL" shows and what the benchmark's floor re-runs. */
export interface ExecutedQuery {
  /** A source, or `lookback`: our own database (its history index). */
  source: Source | "lookback";
  sql: string;
  parameters: unknown[];
  durationMs: number;
}

export interface RunResult<R extends Row = Row> {
  rows: R[];
  /** More rows existed than the cap; `rows` holds the first `cap`. */
  truncated: boolean;
  /** Every row counted, when known (only when it was cheap to know). */
  totalRows?: number;
  durationMs: number;
  sources: Partial<Record<Source, Freshness>>;
  queries: ExecutedQuery[];
  /** Days answered from the stored day summaries, when some were. */
  summary?: SummaryUse;
}

export interface RunOptions {
  user: User;
  signal?: AbortSignal;
  /** Row cap: rows above it are cut (default rowCapOf(report): LOOKBACK_ROW_CAP or the report's own). */
  cap?: number;
  now?: Date;
}

const CONFLICT_RETRY_MS = 250;

/**
 * The one code path from parsed parameters to rows, shared by the page, the
 * JSON/CSV API and the export: opens one read-only snapshot per declared
 * source, runs the report's query, records its SQL and each source's
 * freshness. A replication conflict is retried once after a short back-off,
 * then reported in plain words.
 */
export async function runReport<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  options: RunOptions,
): Promise<RunResult<R>> {
  try {
    return await runOnce(report, params, options);
  } catch (error) {
    if (!(error instanceof SourceError) || error.kind !== "replication_conflict") throw error;
    await new Promise((resolve) => setTimeout(resolve, CONFLICT_RETRY_MS));
    return runOnce(report, params, options);
  }
}

async function runOnce<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  options: RunOptions,
): Promise<RunResult<R>> {
  const started = performance.now();
  const cap = options.cap ?? rowCapOf(report);
  const session = await openSources(report, laneOf(report, params), options);
  try {
    const ctx = session.context(cap + 1);
    await checkKnown(report, params, ctx);
    const rows = await report.query(ctx, params);
    // The rows are final once read (a read-only snapshot): the COMMIT's round trip, and the places given
    // back after it, need not hold up the answer. Under load each round trip waits its turn on the event loop.
    session
      .commit()
      .catch((error: unknown) =>
        log.warn({ report: report.id, err: errorMessage(error) }, "COMMIT failed after a run"),
      );
    const truncated = rows.length > cap;
    return {
      rows: truncated ? rows.slice(0, cap) : rows,
      truncated,
      totalRows: truncated ? undefined : rows.length,
      durationMs: Math.round(performance.now() - started),
      sources: session.freshness,
      queries: session.queries,
      ...(session.summary ? { summary: session.summary } : {}),
    };
  } catch (error) {
    throw session.fail(error);
  }
}

/** The most rows a run of `report` keeps for a page or a JSON answer: its own cap, if lower than the server's. */
export function rowCapOf(report: Pick<Report, "rowCap">): number {
  return Math.min(report.rowCap ?? Number.POSITIVE_INFINITY, config().LOOKBACK_ROW_CAP);
}

/**
 * The rows of a report for an export: streamed from a cursor when the report
 * can stream, so memory stays flat whatever the size; otherwise its query
 * with the export cap. The transactions stay open while the caller iterates.
 */
export async function* exportReport<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  options: RunOptions,
): AsyncGenerator<R> {
  const session = await openSources(report, laneOf(report, params), options);
  try {
    const exportCap = config().LOOKBACK_EXPORT_ROW_CAP;
    const ctx = session.context(exportCap);
    await checkKnown(report, params, ctx);
    if (report.exportQuery) {
      let n = 0;
      for await (const row of report.exportQuery(ctx, params).stream(2_000)) {
        if (++n > exportCap) break;
        yield row;
      }
    } else {
      yield* (await report.query(ctx, params)).slice(0, exportCap);
    }
    await session.commit();
  } catch (error) {
    throw session.fail(error);
  } finally {
    // An abandoned iteration (the client went away) leaves no transaction behind.
    session.release();
  }
}

/**
 * A whole export as CSV bytes written by PostgreSQL: the report's export
 * statement under COPY (lib/reports/copy-csv.ts), in the same read-only
 * snapshot and checks as any run. Yields the chunks as they arrive; returns
 * the number of rows.
 */
export async function* copyExport<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  columns: readonly Pick<Column, "key" | "type">[],
  options: RunOptions,
): AsyncGenerator<Buffer, number> {
  const exportQuery = report.exportQuery;
  const source = report.sources[0];
  if (!exportQuery || report.sources.length !== 1 || !source) {
    throw new Error(`Report ${report.id} has no export statement on one source`);
  }
  const session = await openSources(report, laneOf(report, params), options);
  try {
    const ctx = session.context(config().LOOKBACK_EXPORT_ROW_CAP);
    await checkKnown(report, params, ctx);
    const statement = copyStatement(exportQuery(ctx, params).compile(), columns, ctx.limit);
    const stream = copyRows(session.client(source), statement);
    // PostgreSQL sends a message per row: pass them on in chunks of about 64 KB.
    let batch: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      batch.push(chunk);
      size += chunk.length;
      if (size >= 65_536) {
        yield Buffer.concat(batch, size);
        batch = [];
        size = 0;
      }
    }
    if (size > 0) yield Buffer.concat(batch, size);
    await session.commit();
    return stream.rowCount;
  } catch (error) {
    throw session.fail(error);
  } finally {
    session.release();
  }
}

interface SourceSession {
  /** The transaction's own connection to a source (a COPY runs on it). */
  client(source: Source): pg.PoolClient;
  context(limit: number): QueryContext;
  freshness: Partial<Record<Source, Freshness>>;
  queries: ExecutedQuery[];
  summary?: SummaryUse;
  commit(): Promise<void>;
  fail(error: unknown): unknown;
  release(): void;
}

/**
 * Which places a run waits for before its connections: a lookup (a
 * certificate, one tech) none, so it never queues behind other reports; any
 * other run one of the shared places (a source's connections less a third kept for lookups);
 * a heavy run a heavy place first (half the pool), then a shared one.
 */
type Lane = "lookup" | "shared" | "heavy";

function laneOf<S extends z.ZodType, R extends Row>(report: Report<S, R>, params: z.output<S>): Lane {
  const decide = (flag: boolean | ((p: z.output<S>) => boolean) | undefined) =>
    typeof flag === "function" ? flag(params) : (flag ?? false);
  if (decide(report.heavy)) return "heavy";
  return decide(report.lookup) ? "lookup" : "shared";
}

/**
 * Opens one transaction per declared source. Waiting (for a heavy place, a
 * shared place, a pooled connection) shares one LOOKBACK_QUEUE_TIMEOUT_MS.
 * Places are taken one source after the other in a fixed order (heavy
 * places, then shared ones, then connections), so two runs that each need
 * both sources can never hold one each and wait for the other's forever.
 */
async function openSources(
  report: Pick<Report, "id" | "sources" | "timeoutMs" | "settings">,
  lane: Lane,
  options: RunOptions,
): Promise<SourceSession> {
  const queries: ExecutedQuery[] = [];
  const open = new Map<Source, OpenTransaction<unknown>>();
  const settled = new Set<Source>();
  const places: Release[] = [];
  const releasePlaces = () => {
    for (const release of places.splice(0)) release();
  };
  const failAll = (error: unknown) => {
    let classified: unknown = error;
    // A statement's error is already its own source's (kyselyOn). Anything else failed outside the sources
    // (our own database, Lookback's code): it ends their transactions but blames none of them, and marks
    // no replica down, whatever its message says (our database's "connect ECONNREFUSED" is not theirs).
    const ending =
      error instanceof SourceError ? error : new Error("the run failed outside its sources", { cause: error });
    for (const [source, tx] of open) {
      if (settled.has(source)) continue;
      settled.add(source);
      const e = tx.fail(ending);
      if (!(error instanceof SourceError)) classified = e;
    }
    releasePlaces();
    return classified;
  };
  const queueDeadline = Date.now() + config().LOOKBACK_QUEUE_TIMEOUT_MS;
  const order = [...new Set(report.sources)].sort();
  try {
    const gates = [...(lane === "heavy" ? [heavyGate] : []), ...(lane === "lookup" ? [] : [sharedGate])];
    for (const gate of gates) {
      for (const source of order) {
        try {
          places.push(await gate(source).acquire(queueDeadline - Date.now(), options.signal));
        } catch (error) {
          if (error instanceof GateTimeout) throw busyError(source, runningOn(source), replicasOf(source).length);
          throw error;
        }
      }
    }
    for (const source of order) {
      const tx = await openReadOnly<unknown>(source, {
        label: report.id,
        timeoutMs: report.timeoutMs,
        signal: options.signal,
        repeatable: true,
        settings: report.settings,
        queueTimeoutMs: queueDeadline - Date.now(),
        onQuery: (q: CompiledQuery, durationMs: number) =>
          queries.push({ source, sql: q.sql, parameters: [...q.parameters], durationMs: round(durationMs) }),
      });
      open.set(source, tx);
    }
  } catch (error) {
    failAll(error);
    throw error;
  }
  const freshness: Partial<Record<Source, Freshness>> = {};
  for (const [source, tx] of open) freshness[source] = tx.freshness;
  const now = options.now ?? new Date();
  const session: SourceSession = {
    context: (limit) => ({
      helpdesk: (open.get("helpdesk")?.db ?? undeclared(report.id, "helpdesk")) as QueryContext["helpdesk"],
      billing: (open.get("billing")?.db ?? undeclared(report.id, "billing")) as QueryContext["billing"],
      store: storeDb((q, durationMs) =>
        queries.push({ source: "lookback", sql: q.sql, parameters: [...q.parameters], durationMs: round(durationMs) }),
      ),
      limit,
      timeZone: config().LOOKBACK_TZ,
      now,
      user: options.user,
      signal: options.signal,
      summarized: (use) => {
        session.summary = use;
      },
    }),
    freshness,
    queries,
    client(source) {
      const tx = open.get(source);
      if (!tx) throw new Error(`Report ${report.id} reads ${source} but does not list it in its sources`);
      return tx.client;
    },
    async commit() {
      try {
        // At once: each source's COMMIT is a round trip of its own.
        await Promise.all(
          [...open].map(([source, tx]) => {
            settled.add(source);
            return tx.commit();
          }),
        );
      } finally {
        releasePlaces();
      }
    },
    fail: failAll,
    release() {
      failAll(new Error("export abandoned"));
    },
  };
  return session;
}

function undeclared(reportId: string, source: Source): Kysely<unknown> {
  return new Proxy({} as Kysely<unknown>, {
    get() {
      throw new Error(`Report ${reportId} reads ${source} but does not list it in its sources`);
    },
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;
