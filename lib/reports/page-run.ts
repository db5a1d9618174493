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
  let outcome: PageRun<S, R>;
  try {
    const run = await runCached(report, params, prepared.canonical, { user });
    outcome = { kind: "ok", run, params, canonical: prepared.canonical };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    outcome = { kind: "failed", error };
  }
  // Outside the try: notFound() and forbidden() work by throwing.
  if (outcome.kind === "failed" && outcome.error instanceof Refusal) {
    if (outcome.error.kind === "not_found") notFound();
    if (outcome.error.kind === "forbidden") forbidden();
    return { kind: "invalid", issues: outcome.error.issues };
  }
  return outcome;
}
