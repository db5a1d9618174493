import "server-only";
import type { User } from "../auth/roles";
import { SourceError } from "../db/errors";
import { echoParams, fromSearchParams } from "../params/parse";
import { runCached } from "./cache";
import { csvStream } from "./csv";
import { prepare } from "./request";
import { exportReport } from "./run";

/**
 * GET /api/reports/{id}: the same report, the same validation and the same
 * run as the page, answered as JSON, or as streamed CSV with `format=csv`.
 */
export async function answer(id: string, url: URL, user: User, signal: AbortSignal): Promise<Response> {
  const format = url.searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv") {
    return error(400, "invalid_params", "Bad parameters", [{ param: "format", message: "must be json or csv" }]);
  }
  const prepared = prepare(id, fromSearchParams(url.searchParams), user);
  switch (prepared.kind) {
    case "not_found":
      return error(404, "not_found", `There is no report called ${id}.`);
    case "forbidden":
      return error(403, "forbidden", `The ${id} report is not available to the ${user.role} role.`);
    case "invalid":
      return error(400, "invalid_params", "Bad parameters", prepared.issues);
  }
  const { report, params, canonical } = prepared;
  try {
    if (format === "csv") {
      const rows = exportReport(report, params, { user, signal });
      // Pull the first row before answering, so a failure to start is a status code, not a broken download.
      const first = await rows.next();
      const all = (async function* () {
        if (!first.done) yield first.value;
        yield* rows;
      })();
      return new Response(
        csvStream(
          report.columns.map((c) => c.key),
          all,
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
    const run = await runCached(report, params, canonical, { user, signal });
    return Response.json(
      {
        report: report.id,
        params: echoParams(params as Record<string, unknown>),
        columns: report.columns.map(({ key, label, type }) => ({ key, label, type })),
        rows: run.rows,
        meta: {
          rowCount: run.rows.length,
          truncated: run.truncated,
          durationMs: run.durationMs,
          cached: run.cached,
          sources: Object.fromEntries(
            Object.entries(run.sources).map(([s, f]) => [
              s,
              { dataAsOf: f?.dataAsOf, lagSeconds: f?.lagSeconds, mode: f?.mode },
            ]),
          ),
        },
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (e) {
    if (e instanceof SourceError) {
      const code = e.kind === "source_down" ? "source_unavailable" : e.kind;
      return error(e.status === 499 ? 503 : e.status, code, e.message, undefined, e.source);
    }
    throw e;
  }
}

function error(status: number, code: string, message: string, issues?: unknown[], source?: string): Response {
  return Response.json(
    { error: { code, message, ...(issues ? { issues } : {}), ...(source ? { source } : {}) } },
    { status },
  );
}
