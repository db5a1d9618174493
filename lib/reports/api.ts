import "server-only";
import { randomUUID } from "node:crypto";
import { type AuditEntry, outcomeOf } from "../audit/entry";
import { audit } from "../audit/log";
import type { User } from "../auth/roles";
import { BUSY_RETRY_AFTER_SECONDS, SourceError } from "../db/errors";
import { echoParams, fromSearchParams, type ParamIssue } from "../params/parse";
import { runCached } from "./cache";
import { csvStream } from "./csv";
import { auditable, prepare } from "./request";
import { exportReport } from "./run";
import { columnsFor, type Report, type Row } from "./types";

/**
 * GET /api/reports/{id}: the same report, the same validation and the same
 * run as the page, answered as JSON, or as streamed CSV with `format=csv`.
 * `columns=a,b` keeps only those columns (checked against the report's own
 * list). Every request is audited with its outcome. Errors are said in plain
 * words with a status; nothing internal (stack, SQL error, connection
 * string) ever reaches the response: unexpected failures get a reference
 * to look up in the server log.
 */
export async function answer(id: string, url: URL, user: User, signal: AbortSignal): Promise<Response> {
  const started = performance.now();
  const format = url.searchParams.get("format") ?? "json";
  const via = format === "csv" ? "csv" : "api";
  const raw = fromSearchParams(url.searchParams);
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
  if (format !== "json" && format !== "csv") {
    record({ outcome: "invalid", status: 400, params: auditable(raw) });
    return error(400, "invalid_params", "Bad parameters", [{ param: "format", message: "must be json or csv" }]);
  }
  const prepared = prepare(id, raw, user);
  switch (prepared.kind) {
    case "not_found":
      record({ outcome: "not_found", status: 404 });
      return error(404, "not_found", `There is no report called ${id.slice(0, 100)}.`);
    case "forbidden":
      record({ outcome: "forbidden", status: 403, params: auditable(raw) });
      return error(403, "forbidden", `The ${id} report is not available to the ${user.role} role.`);
    case "invalid":
      record({ outcome: "invalid", status: 400, params: auditable(raw) });
      return error(400, "invalid_params", "Bad parameters", prepared.issues);
  }
  const { report, params, canonical } = prepared;
  const picked = pickColumns(columnsFor(report, user), url.searchParams.getAll("columns"));
  if (!picked.ok) {
    record({ outcome: "invalid", status: 400, params: auditable(raw) });
    return error(400, "invalid_params", "Bad parameters", [picked.issue]);
  }
  const columns = picked.columns;
  const echoed = echoParams(params as Record<string, unknown>);
  try {
    if (format === "csv") {
      const rows = exportReport(report, params, { user, signal });
      // Pull the first row before answering, so a failure to start is a status code, not a broken download.
      const first = await rows.next();
      const counted = auditedRows(rows, first, (rowCount, failure) =>
        record({
          outcome: failure === undefined ? "ok" : outcomeOf(failure),
          status: 200,
          params: echoed,
          rowCount,
        }),
      );
      return new Response(
        csvStream(
          columns.map((c) => c.key),
          counted,
        ),
        {
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": `attachment; filename="${report.id}.csv"`,
            "cache-control": "no-store",
          },
        },
      );
    }
    // runCached audits the run itself (ok or not).
    const run = await runCached(report, params, canonical, { user, signal, via: "api" });
    const keys = columns.map((c) => c.key);
    return Response.json(
      {
        report: report.id,
        params: echoed,
        columns: columns.map(({ key, label, type }) => ({ key, label, type })),
        rows: columns.length === report.columns.length ? run.rows : run.rows.map((row) => only(row, keys)),
        meta: {
          rowCount: run.rows.length,
          truncated: run.truncated,
          durationMs: run.durationMs,
          cached: run.cached,
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
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (e) {
    // Only a CSV export that failed to start is audited here; a JSON run was audited by runCached.
    const recordExport = (outcome: ReturnType<typeof outcomeOf>, status: number) => {
      if (format === "csv") record({ outcome, status, params: echoed });
    };
    if (e instanceof SourceError) {
      recordExport(e.kind, e.status === 499 ? 503 : e.status);
      // A refused query is a bug in the report, not the weather: the server log gets what the database said.
      if (e.kind === "query_failed" || e.kind === "read_only") logFailure(report.id, e);
      const code = e.kind === "source_down" ? "source_unavailable" : e.kind;
      const response = error(e.status === 499 ? 503 : e.status, code, e.message, undefined, e.source);
      // Busy passes in seconds: say when to come back, so scripts back off instead of hammering.
      if (e.kind === "busy") response.headers.set("retry-after", String(BUSY_RETRY_AFTER_SECONDS));
      return response;
    }
    if (signal.aborted) {
      // The client went away and its query was cancelled: nobody is listening for this answer.
      recordExport("cancelled", 499);
      return error(499, "cancelled", "The request was cancelled.");
    }
    const reference = randomUUID().slice(0, 8);
    console.error(`Report ${report.id} failed (reference ${reference}):`, e);
    recordExport("error", 500);
    return error(500, "internal", `The ${report.id} report failed unexpectedly (reference ${reference}).`);
  }
}

function logFailure(reportId: string, e: SourceError): void {
  const cause = e.cause as { message?: string; code?: string; position?: string } | undefined;
  console.error(
    `Report ${reportId} failed on ${e.source}: ${cause?.message ?? e.message} (SQLSTATE ${cause?.code ?? "?"}${cause?.position ? `, position ${cause.position}` : ""})`,
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

/** The exported rows, counted, with `done` called once when the download ends, fails or is abandoned. */
async function* auditedRows<R>(
  rows: AsyncGenerator<R>,
  first: IteratorResult<R>,
  done: (rowCount: number, failure?: unknown) => void,
): AsyncGenerator<R> {
  let count = 0;
  let failure: unknown = new DOMException("The client went away before the export finished.", "AbortError");
  try {
    if (!first.done) {
      count++;
      yield first.value;
    }
    for await (const row of rows) {
      count++;
      yield row;
    }
    failure = undefined;
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    done(count, failure);
  }
}

function error(status: number, code: string, message: string, issues?: unknown[], source?: string): Response {
  return Response.json(
    { error: { code, message, ...(issues ? { issues } : {}), ...(source ? { source } : {}) } },
    { status, headers: { "cache-control": "no-store" } },
  );
}
