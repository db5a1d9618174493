import type { Role } from "../auth/roles";
import { SourceError } from "../db/errors";

/**
 * One line of the audit log: who looked at what, how, and what came of it.
 * A line is written for every report run (page, JSON API, CSV export),
 * every refused or invalid request for one, every view of a person's page,
 * and every sign-in the proxy gate refused.
 */
/** `subscription`: a scheduled delivery or alert (or its "send now") ran the report as its owner. */
export type Via = "page" | "api" | "csv" | "subscription";

export type Outcome =
  | "ok"
  | "invalid" // bad parameters: nothing ran
  | "forbidden" // the role may not run it
  | "not_found"
  | "refused" // the sign-in gate turned the request away
  | "timeout"
  | "source_down"
  | "busy" // every connection Lookback may use on a source was taken for the whole queue timeout
  | "replication_conflict"
  | "cancelled" // the client went away
  | "read_only"
  | "query_failed"
  | "invalid_params" // a CSV export refused inside its run for an unknown id (pages and JSON record it as `invalid`)
  | "error"; // anything unexpected (the server log has the details)

export interface AuditEntry {
  /** `run`: a report ran (or was refused); `view`: a person's page was opened; `sign-in`: the gate refused one. */
  event: "run" | "view" | "sign-in";
  login?: string;
  role?: Role;
  /** The report's id (runs). */
  report?: string;
  /** What was viewed (views): the page kind and whose it is, e.g. page "tech", subject "rvance". */
  page?: string;
  subject?: string;
  params?: Record<string, unknown>;
  rowCount?: number;
  durationMs?: number;
  outcome: Outcome;
  via?: Via;
  /** The client's address, when Lookback's server knows it. */
  client?: string;
  /** The result came from the cache (no query ran for this request). */
  cached?: boolean;
  /** The HTTP status, for requests answered without a run (refused, invalid) and for exports. */
  status?: number;
  /**
   * Who asked for a run made with someone else's rights: "send now" on a subscription runs the
   * report as its owner (`login`), and a manager may press it on anyone's.
   */
  askedBy?: string;
}

/** A line as read back: the entry plus the instant it was written. */
export interface AuditRecord extends AuditEntry {
  time: string;
}

/** The outcome a failed run is recorded with. */
export function outcomeOf(error: unknown): Outcome {
  if (error instanceof SourceError) return error.kind === "invalid_params" ? "invalid" : error.kind;
  if (error instanceof Error && error.name === "AbortError") return "cancelled";
  return "error";
}
