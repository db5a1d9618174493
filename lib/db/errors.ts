import type { Source } from "./sources";

/**
 * What can go wrong when a report reads a source, in words a person can act
 * on. Each kind maps to one HTTP status and one message on the page; nothing
 * here is ever turned into an empty result.
 */
export type SourceErrorKind =
  | "source_down" // cannot connect, or the connection died
  | "busy" // every connection Lookback may use on the source is taken, for longer than the queue timeout
  | "timeout" // the statement ran past its limit and was cancelled on the server
  | "replication_conflict" // a hot standby cancelled the query to replay WAL
  | "cancelled" // the caller went away
  | "read_only" // something tried to write
  | "query_failed" // anything else the database refused
  // What the source says about the request itself (see lib/reports/refusal.ts): the answer is the caller's to fix.
  | "invalid_params" // an id parameter names something the source does not have
  | "not_found" // the page's path names something the source does not have
  | "forbidden"; // it exists, but the caller's role may not see it

export const HTTP_STATUS: Record<SourceErrorKind, number> = {
  source_down: 503,
  busy: 503,
  timeout: 504,
  replication_conflict: 503,
  cancelled: 499,
  read_only: 500,
  query_failed: 500,
  invalid_params: 400,
  not_found: 404,
  forbidden: 403,
};

export class SourceError extends Error {
  override name = "SourceError";
  constructor(
    readonly kind: SourceErrorKind,
    readonly source: Source,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get status(): number {
    return HTTP_STATUS[this.kind];
  }
}

/** What the API sends as Retry-After with a `busy` answer: the heavy reports ahead take seconds, not minutes. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * Lookback's own pool for `source` had no free connection within
 * LOOKBACK_QUEUE_TIMEOUT_MS: the database is up, Lookback is just running
 * as many reports on it as it allows itself.
 */
export function busyError(source: Source, running: number, replicas: number): SourceError {
  const where = replicas > 1 ? `the ${replicas} ${source} replicas` : `the ${source} replica`;
  return new SourceError(
    "busy",
    source,
    `Lookback is busy: ${running} ${running === 1 ? "report is" : "reports are"} running on ${where}; try again in a moment.`,
  );
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, or a standby not yet consistent)
  "3D000", // the database does not exist
  "28P01", // bad password
  "28000", // no pg_hba entry / role cannot log in
  "08006",
  "08001",
  "08003",
  "08004",
  "53300", // too many connections: the replica cannot take us right now
  "57P04", // the database was dropped under us
]);

/** What classify needs to know about the attempt besides the error itself. */
export interface ClassifyContext {
  timeoutMs: number;
  /** The caller went away (its signal aborted). */
  cancelled: boolean;
  /** Lookback cut the connection because the server stopped answering. */
  unanswered?: boolean;
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Turns whatever `pg` threw into a SourceError that says what happened, without leaking connection strings. */
export function classify(error: unknown, source: Source, context: ClassifyContext): SourceError {
  if (error instanceof SourceError) return error;
  const { code, message = "" } = (error ?? {}) as PgLikeError;
  if (/conflict with recovery/i.test(message)) {
    return new SourceError(
      "replication_conflict",
      source,
      `The ${source} replica cancelled the query to apply changes from the primary (a replication conflict). Try again; if it keeps happening, the replica needs a longer max_standby_streaming_delay.`,
      { cause: error },
    );
  }
  if (code === "57014") {
    return context.cancelled
      ? new SourceError("cancelled", source, `The ${source} query was cancelled because the request went away.`, {
          cause: error,
        })
      : new SourceError(
          "timeout",
          source,
          `The ${source} query ran past its time limit of ${formatSeconds(context.timeoutMs)} and was cancelled on the server. Narrow the parameters, or export the result instead.`,
          { cause: error },
        );
  }
  if (code === "25006") {
    return new SourceError("read_only", source, `Refused: Lookback only reads the ${source} database.`, {
      cause: error,
    });
  }
  if (context.unanswered) {
    return new SourceError(
      "source_down",
      source,
      `The ${source} database stopped answering, so Lookback gave up on it. Other sources keep working; this one will recover by itself when the database answers again.`,
      { cause: error },
    );
  }
  if (
    (code !== undefined && CONNECTION_CODES.has(code)) ||
    /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|terminating connection|Query read timeout|not queryable/i.test(
      message,
    )
  ) {
    return new SourceError(
      "source_down",
      source,
      `The ${source} database cannot be reached right now${code ? ` (${code})` : ""}. Other sources keep working; this one will recover by itself when the database is back.`,
      { cause: error },
    );
  }
  // A database error carries a SQLSTATE; anything else was thrown by Lookback's own code while the
  // transaction was open, and must not be blamed on the database.
  const text =
    code !== undefined
      ? `The ${source} database refused the query (SQLSTATE ${code}).`
      : `The report failed while reading the ${source} database: an error in Lookback itself (the server log has it).`;
  return new SourceError("query_failed", source, text, { cause: error });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
