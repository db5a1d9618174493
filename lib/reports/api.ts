import "server-only";
import { randomUUID } from "node:crypto";
import { type AuditEntry, outcomeOf } from "../audit/entry";
import { audit } from "../audit/log";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { BUSY_RETRY_AFTER_SECONDS, SourceError } from "../db/errors";
import { errorMessage, log } from "../log";
import { echoParams, fromSearchParams, type ParamIssue } from "../params/parse";
import { matchesFilter, toTableColumn } from "../ui/table-model";
import {
  answerHeaders,
  answerKey,
  encodedBody,
  findAnswer,
  ifNoneMatch,
  type StoredAnswer,
  storeAnswer,
} from "./answer-cache";
import { runCached } from "./cache";
import { csvLine, csvStream } from "./csv";
import { stringifyInSlices } from "./json-slices";
import { Refusal } from "./refusal";
import { auditable, prepare } from "./request";
import { copyExport, exportReport } from "./run";
import { hasTableParams, hiddenKeys, parseTableState, splitTableParams, type TableState } from "./table-state";
import { chartSample, viewOf } from "./table-view";
import { forViewer, type Report, type Row } from "./types";

/**
 * GET /api/reports/{id}: the same report, the same validation and the same
 * run as the page, answered as JSON, or as streamed CSV with `format=csv`.
 * `columns=a,b` keeps only those columns (checked against the report's own
 * list). With any of the table's keys (sort, filter, hide, page, pageSize:
 * table-state.ts) JSON answers one page of the view with its counts, totals
 * and chart points, and CSV exports the view; without them, both answer as
 * they always did. Every request is audited with its outcome. Errors are said in plain
 * words with a status; nothing internal (stack, SQL error, connection
 * string) ever reaches the response: unexpected failures get a reference
 * to look up in the server log.
 */
export async function answer(
  id: string,
  url: URL,
  user: User,
  signal: AbortSignal,
  http: AnswerHttp = {},
): Promise<Response> {
  const started = performance.now();
  const format = url.searchParams.get("format") ?? "json";
  const via = format === "csv" ? "csv" : "api";
  const given = fromSearchParams(url.searchParams);
  const raw = splitTableParams(given).report;
  const record = (entry: Omit<AuditEntry, "event" | "login" | "role" | "report" | "via">) =>
    audit({
      event: "run",
      login: user.login,
      role: user.role,
      report: id.slice(0, 100),
      via,
      durationMs: Math.round(performance.now() - started),
      ...entry,
    });
  // A repeat of an answer still cached: its bytes as they were sent, or 304.
  const key = http.asker && format === "json" ? answerKey(url.pathname + url.search, http.asker) : undefined;
  const stored = key ? findAnswer(key) : undefined;
  if (stored) {
    record({ ...stored.audit, outcome: "ok", status: 200, cached: true });
    return storedResponse(stored, http.headers);
  }
  const prepared = prepare(id, raw, user);
  switch (prepared.kind) {
    case "not_found":
      record({ outcome: "not_found", status: 404 });
      return error(404, "not_found", `There is no report called ${id.slice(0, 100)}.`);
    case "forbidden":
      record({ outcome: "forbidden", status: 403, params: auditable(given) });
      return error(403, "forbidden", `The ${id} report is not available to the ${user.role} role.`);
  }
  // Columns limited to some roles (money) are not in this caller's table, JSON or CSV.
  const report = forViewer(prepared.report, user);
  const picked = pickColumns(report.columns, url.searchParams.getAll("columns"));
  const table = parseTableState(
    given,
    report.columns.map((c) => c.key),
  );
  // Every bad parameter at once, each named: the report's, the format, the columns, the table's.
  const issues = [
    ...(prepared.kind === "invalid" ? prepared.issues : []),
    ...(format === "json" || format === "csv" ? [] : [{ param: "format", message: "must be json or csv" }]),
    ...(picked.ok ? [] : [picked.issue]),
    ...table.issues,
  ];
  if (prepared.kind === "invalid" || !picked.ok || issues.length > 0) {
    record({ outcome: "invalid", status: 400, params: auditable(given) });
    return error(400, "invalid_params", "Bad parameters", issues);
  }
  const { params, canonical } = prepared;
  const paged = hasTableParams(given);
  // The view's columns: those asked for, less the hidden ones (the report's defaults when `hide` is absent).
  const hidden = new Set(paged ? hiddenKeys(table.state, report.columns) : []);
  const columns = picked.columns.filter((c) => !hidden.has(c.key));
  const echoed = echoParams(params as Record<string, unknown>);
  try {
    if (format === "csv") {
      return paged
        ? await viewExport(report, params, canonical, table.state, columns, { user, signal, record, echoed })
        : await fullExport(report, params, columns, { user, signal, record, echoed });
    }
    // runCached audits the run itself (ok or not).
    const run = await runCached(report, params, canonical, { user, signal, via: "api" });
    // Serialized once, as the next ones to ask will get it from the cache (so it says cached: true), and a
    // slice of rows at a time (json-slices.ts), so a lookup on this worker need not wait for it whole.
    const text = await stringifyInSlices({
      report: report.id,
      params: echoed,
      columns: columns.map(({ key, label, type }) => ({ key, label, type })),
      ...(paged ? pagedPart(report, columns, run.rows, table.state) : { rows: rowsOf(run.rows, columns, report) }),
      meta: {
        rowCount: run.rows.length,
        truncated: run.truncated,
        durationMs: run.durationMs,
        cached: true,
        ...(run.summary ? { summary: run.summary } : {}),
        sources: Object.fromEntries(
          Object.entries(run.sources).map(([s, f]) => [
            s,
            {
              dataAsOf: f?.dataAsOf,
              lagSeconds: f?.lagSeconds,
              mode: f?.mode,
              ...(f?.replica ? { replica: f.replica } : {}),
            },
          ]),
        ),
      },
    });
    const repeat = key
      ? storeAnswer(key, text, {
          contentType: "application/json",
          expiresAt: run.expiresAt,
          audit: {
            report: report.id,
            params: echoed,
            rowCount: run.rows.length,
          },
        })
      : undefined;
    if (run.cached && repeat) return storedResponse(repeat, http.headers);
    // Inside row values a quote is always escaped, so the last literal `"cached":true` is meta's.
    const at = text.lastIndexOf('"cached":true');
    const sent = run.cached ? text : `${text.slice(0, at)}"cached":false${text.slice(at + 13)}`;
    return new Response(sent, {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  } catch (e) {
    // Only a CSV export that failed to start is audited here; a JSON run was audited by runCached.
    const recordExport = (outcome: ReturnType<typeof outcomeOf>, status: number) => {
      if (format === "csv") record({ outcome, status, params: echoed });
    };
    if (e instanceof SourceError) {
      recordExport(e.kind, e.status === 499 ? 503 : e.status);
      // A refused query is a bug in the report, not the weather: the server log gets what the database said.
      if (e.kind === "query_failed" || e.kind === "read_only") logFailure(report.id, e);
      return sourceErrorResponse(e);
    }
    if (e instanceof ExportTooLarge) {
      recordExport("invalid", 400);
      return error(400, "invalid_params", "Bad parameters", [e.issue]);
    }
    if (signal.aborted) {
      // The client went away and its query was cancelled: nobody is listening for this answer.
      recordExport("cancelled", 499);
      return error(499, "cancelled", "The request was cancelled.");
    }
    const reference = randomUUID().slice(0, 8);
    log.error({ report: report.id, reference, err: errorMessage(e) }, "report failed unexpectedly");
    recordExport("error", 500);
    return error(500, "internal", `The ${report.id} report failed unexpectedly (reference ${reference}).`);
  }
}

/** What the HTTP request adds: its headers (encodings, ETag) and who is asking as a cache key. */
export interface AnswerHttp {
  headers?: Headers;
  /** askerKey() of the request; without it, answers are not kept as bytes. */
  asker?: string;
}

function storedResponse(stored: StoredAnswer, headers: Headers | undefined): Response {
  if (ifNoneMatch(headers?.get("if-none-match"), stored.etag)) {
    return new Response(null, {
      status: 304,
      headers: { etag: stored.etag, vary: "accept-encoding, cookie", "cache-control": "private, no-cache" },
    });
  }
  // Through Next.js the bytes go uncompressed: Next compresses responses itself, and a body it compresses
  // again under our Content-Encoding reaches clients undecodable. server.ts's fast path sends them compressed.
  const { body, encoding } = encodedBody(stored, "identity");
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: answerHeaders(stored, encoding, body.length),
  });
}

/** The page of a view, with what the whole view needs: counts, totals over every matching row, chart points. */
function pagedPart(report: Report, columns: Report["columns"], rows: Row[], state: TableState) {
  const view = viewOf(rows, report.columns.map(toTableColumn), state, config().LOOKBACK_TZ);
  const chart = report.chart;
  return {
    rows: rowsOf(view.rows, columns, report),
    page: {
      page: view.page,
      pageSize: state.pageSize,
      pageCount: view.pageCount,
      matchingRows: view.matching.length,
    },
    totals: Object.fromEntries(columns.filter((c) => c.total).map((c) => [c.key, view.totals[c.key] ?? null])),
    ...(chart
      ? {
          chart: chartSample(view.filtered).map((row) =>
            only(row, [chart.x, ...chart.y, ...(chart.label ? [chart.label] : [])]),
          ),
        }
      : {}),
  };
}

function rowsOf(rows: Row[], columns: Report["columns"], report: Report): Row[] {
  const keys = columns.map((c) => c.key);
  return columns.length === report.columns.length ? rows : rows.map((row) => only(row, keys));
}

interface ExportContext {
  user: User;
  signal: AbortSignal;
  record: (entry: Omit<AuditEntry, "event" | "login" | "role" | "report" | "via">) => void;
  echoed: Record<string, unknown>;
}

/**
 * Every row of the report, streamed from the database (a cursor when the
 * report can stream), never held whole: `format=csv` without table state,
 * as it always was (column keys as the header).
 */
async function fullExport(report: Report, params: unknown, columns: Report["columns"], ctx: ExportContext) {
  if (report.exportQuery) return copiedCsv(report, params, columns, ctx);
  return streamedCsv(report, exportReport(report, params, ctx), columns, ctx, { labels: false });
}

/**
 * A whole export of a report with an export statement: PostgreSQL writes
 * the rows as CSV (COPY, lib/reports/copy-csv.ts), passed on chunk by chunk
 * as fast as the client reads, after the header line.
 */
async function copiedCsv(report: Report, params: unknown, columns: Report["columns"], ctx: ExportContext) {
  const chunks = copyExport(report, params, columns, ctx);
  // Pull the first chunk before answering, so a failure to start is a status code, not a broken download.
  const first = await chunks.next();
  const header = new TextEncoder().encode(csvLine(columns.map((c) => c.key)));
  return csvResponse(report, byteStream(header, audited(chunks, first, recordExport(ctx))));
}

/**
 * `header`, then the chunks, as fast as the client reads, gathered into
 * pieces of about 64 KB (COPY sends a row per chunk: a million small writes
 * to the socket otherwise); a client that goes away ends the chunks.
 */
function byteStream(header: Uint8Array, chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  const PIECE = 64 * 1024;
  let pending: Uint8Array[] = [header];
  let size = header.length;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Pulling the first chunk starts the chunks, whose end (or abandon) is audited.
      for (;;) {
        const next = await chunks.next();
        if (!next.done) {
          pending.push(next.value);
          size += next.value.length;
        }
        if (next.done || size >= PIECE) {
          if (size > 0) controller.enqueue(Buffer.concat(pending, size));
          pending = [];
          size = 0;
          if (next.done) controller.close();
          return;
        }
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * What the view shows (its filters, sort and visible columns, labels as the
 * header). A result that is whole in the cache is cut from there; a bigger
 * one is streamed from the database with the filters applied on the way,
 * which can keep no order but the report's own (`sort` is refused then).
 */
async function viewExport(
  report: Report,
  params: unknown,
  canonical: URLSearchParams,
  state: TableState,
  columns: Report["columns"],
  ctx: ExportContext,
) {
  const run = await runCached(report, params, canonical, { user: ctx.user, signal: ctx.signal, via: "csv" });
  const all = report.columns.map(toTableColumn);
  if (!run.truncated) {
    const view = viewOf(run.rows, all, { ...state, page: 1, pageSize: Number.MAX_SAFE_INTEGER }, config().LOOKBACK_TZ);
    return csvResponse(
      report,
      csvStream(
        columns.map((c) => c.key),
        view.matching[Symbol.iterator](),
        labels(columns),
      ),
    );
  }
  if (state.sort) throw new ExportTooLarge(run.rows.length);
  const filters = Object.entries(state.filters).flatMap(([k, text]) => {
    const column = all.find((c) => c.key === k);
    return column ? [{ column, text }] : [];
  });
  const timeZone = config().LOOKBACK_TZ;
  async function* matching() {
    for await (const row of exportReport(report, params, ctx)) {
      if (filters.every(({ column, text }) => matchesFilter(row[column.key], text, column, timeZone))) yield row;
    }
  }
  return streamedCsv(report, matching(), columns, ctx, { labels: true });
}

class ExportTooLarge extends Error {
  readonly issue: ParamIssue;
  constructor(cap: number) {
    super("export too large to sort");
    this.issue = {
      param: "sort",
      message: `can order an export of at most ${cap.toLocaleString("en-US")} rows; this one has more: leave sort out to export every row in the report's own order`,
    };
  }
}

async function streamedCsv(
  report: Report,
  rows: AsyncGenerator<Row>,
  columns: Report["columns"],
  ctx: ExportContext,
  options: { labels: boolean },
) {
  // Pull the first row before answering, so a failure to start is a status code, not a broken download.
  const first = await rows.next();
  const counted = audited(rows, first, recordExport(ctx));
  const keys = columns.map((c) => c.key);
  return csvResponse(report, csvStream(keys, counted, options.labels ? labels(columns) : keys));
}

const labels = (columns: Report["columns"]) => columns.map((c) => c.label);

function csvResponse(report: Report, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${report.id}.csv"`,
      "cache-control": "no-store",
    },
  });
}

function logFailure(reportId: string, e: SourceError): void {
  const cause = e.cause as { message?: string; code?: string; position?: string } | undefined;
  log.error(
    { report: reportId, source: e.source, sqlstate: cause?.code, position: cause?.position },
    `report failed: ${cause?.message ?? e.message}`,
  );
}

type Picked = { ok: true; columns: Report["columns"] } | { ok: false; issue: ParamIssue };

/** `columns=a,b` (or repeated): only these columns, in this order; every key must be one of the report's. */
function pickColumns(allowed: Report["columns"], given: string[]): Picked {
  const keys = given
    .flatMap((g) => g.split(","))
    .map((k) => k.trim())
    .filter((k) => k !== "");
  if (keys.length === 0) return { ok: true, columns: allowed };
  const byKey = new Map(allowed.map((c) => [c.key, c]));
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length > 0) {
    return {
      ok: false,
      issue: {
        param: "columns",
        message: `has unknown column ${unknown[0]?.slice(0, 50)}; the columns are ${allowed.map((c) => c.key).join(", ")}`,
      },
    };
  }
  return { ok: true, columns: [...new Set(keys)].map((k) => byKey.get(k) as Report["columns"][number]) };
}

function only(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

/** The audit line of an export, written once it ends: its rows, and how it ended. */
function recordExport(ctx: ExportContext) {
  return (rowCount: number, failure?: unknown) =>
    ctx.record({
      outcome: failure === undefined ? "ok" : outcomeOf(failure),
      status: 200,
      params: ctx.echoed,
      rowCount,
    });
}

/**
 * A started export's items (`first` already pulled), with `done` called once
 * when the download ends, fails or is abandoned, with the rows counted: the
 * items, or what the generator returns when its items are chunks of rows
 * (COPY counts its own).
 */
async function* audited<T>(
  items: AsyncGenerator<T, unknown>,
  first: IteratorResult<T, unknown>,
  done: (rowCount: number, failure?: unknown) => void,
): AsyncGenerator<T> {
  const abandoned = new DOMException("The client went away before the export finished.", "AbortError");
  let yielded = 0;
  let returned: unknown;
  let failure: unknown = abandoned;
  try {
    for (let next = first; ; next = await items.next()) {
      if (next.done) {
        returned = next.value;
        break;
      }
      yielded++;
      yield next.value;
    }
    failure = undefined;
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    // Abandoned: ending the source's generator releases its transaction and connection.
    if (failure === abandoned) await items.return(undefined);
    done(typeof returned === "number" ? returned : yielded, failure);
  }
}

/**
 * A source's failure as the API answers it: a cancelled wait is 503, a source that is down says
 * `source_unavailable`, and busy says when to come back (Retry-After), so scripts back off instead of hammering.
 */
export function sourceErrorResponse(e: SourceError): Response {
  const code = e.kind === "source_down" ? "source_unavailable" : e.kind;
  const issues = e instanceof Refusal && e.issues.length > 0 ? e.issues : undefined;
  const response = error(e.status === 499 ? 503 : e.status, code, e.message, issues, e.source);
  if (e.kind === "busy") response.headers.set("retry-after", String(BUSY_RETRY_AFTER_SECONDS));
  return response;
}

/** The API's error body, never cached. */
export function error(status: number, code: string, message: string, issues?: unknown[], source?: string): Response {
  return Response.json(
    { error: { code, message, ...(issues ? { issues } : {}), ...(source ? { source } : {}) } },
    { status, headers: { "cache-control": "no-store" } },
  );
}
