import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { z } from "zod";
import type { User } from "../auth/roles";
import { SourceError } from "../db/errors";
import type { ParamIssue, RawParams } from "../params/parse";
import { type CachedRun, runCached } from "./cache";
import { Refusal } from "./refusal";
import { auditNotRun, prepare } from "./request";
import type { Report, Row } from "./types";

export type PageRun<S extends z.ZodType, R extends Row> =
  | { kind: "ok"; run: CachedRun<R>; params: z.output<S>; canonical: URLSearchParams }
  | { kind: "invalid"; issues: ParamIssue[] }
  | { kind: "failed"; error: SourceError };

/**
 * A report (usually a sub-report) run for a page of its own, through the
 * same prepare() and runCached() as /reports/{id}: `input` is the page's
 * query with the parameters its path carries merged in. What the page
 * cannot show becomes its status, as on /reports/{id}: a role that may not
 * run it, or a row the role may not see, 403 (forbidden()); an unknown report
 * or a path naming nothing, 404 (notFound()). Await it before anything
 * streams, so the status is real. Bad parameters and a failed source come
 * back for the page to show. Every outcome has its one audit line.
 */
export async function runForPage<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  input: RawParams,
  user: User,
  options: { path?: readonly string[] } = {},
): Promise<PageRun<S, R>> {
  const prepared = prepare(report.id, input, user);
  if (prepared.kind !== "ok") {
    // A parameter the page's path carries that does not even parse names no page: 404, audited as such.
    const noPage =
      prepared.kind === "not_found" ||
      (prepared.kind === "invalid" && prepared.issues.some((i) => options.path?.includes(i.param)));
    const outcome = noPage ? "not_found" : prepared.kind;
    auditNotRun(user, report.id, outcome, input);
    if (noPage) notFound();
    if (prepared.kind === "forbidden") forbidden();
    return { kind: "invalid", issues: prepared.issues };
  }
  const params = prepared.params as z.output<S>;
  const settled = await startRun(report, params, prepared.canonical, user);
  refusalStatus(settled);
  if ("run" in settled) return { kind: "ok", run: settled.run, params, canonical: prepared.canonical };
  if (settled.error instanceof Refusal) return { kind: "invalid", issues: settled.error.issues };
  if (settled.error instanceof SourceError) return { kind: "failed", error: settled.error };
  throw settled.error;
}

/** How a run ended, as a value: a page starts the run, may wait for it before anything streams, and shows it. */
export type Settled<R extends Row = Row> = { run: CachedRun<R> } | { error: unknown };

/**
 * Starts `report`'s run for a page (audited, shared and cached by runCached). The promise never
 * rejects, so a page can start it, stream, and await it later in a Suspense boundary.
 */
export function startRun<S extends z.ZodType, R extends Row>(
  report: Report<S, R>,
  params: z.output<S>,
  canonical: URLSearchParams,
  user: User,
): Promise<Settled<R>> {
  return runCached(report, params, canonical, { user }).then(
    (run) => ({ run }),
    (error: unknown) => ({ error }),
  );
}

/**
 * A run the data refused with a status of its own becomes that status: a path naming nothing 404
 * (notFound()), a row the role may not see 403 (forbidden()). Call it before anything streams.
 */
export function refusalStatus(settled: Settled): void {
  if (!("error" in settled) || !(settled.error instanceof Refusal)) return;
  if (settled.error.kind === "not_found") notFound();
  if (settled.error.kind === "forbidden") forbidden();
}
