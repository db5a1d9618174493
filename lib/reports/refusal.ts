import { SourceError } from "../db/errors";
import type { Source } from "../db/sources";
import type { ParamIssue } from "../params/parse";

/**
 * A run that the source's data refuses, rather than the source failing:
 * an id parameter naming nothing (400, with the issue), a page whose path
 * names nothing (404), or something the caller's role may not see (403).
 * Only the run can tell (it takes the source), so it is thrown from inside
 * runReport and travels like any SourceError: the page shows it (or turns it
 * into its status, lib/reports/page-run.ts), the API answers its status, the
 * audit line records it.
 */
export class Refusal extends SourceError {
  override name = "Refusal";
  constructor(
    kind: "invalid_params" | "not_found" | "forbidden",
    source: Source,
    message: string,
    readonly issues: ParamIssue[] = [],
  ) {
    super(kind, source, message);
  }
}

/** `param` is refused for what only the source can tell: a 400 naming it. */
export function badParameter(param: string, message: string, source: Source): Refusal {
  return new Refusal("invalid_params", source, `Bad parameters: ${param} ${message}.`, [{ param, message }]);
}

/** `param` names a `what` the source does not have. */
export function unknownValue(param: string, value: string, what: string, source: Source): Refusal {
  return badParameter(param, `${value} is not a known ${what}`, source);
}

/** The page's path names a `what` the source does not have. */
export function noSuch(what: string, value: string, source: Source): Refusal {
  return new Refusal("not_found", source, `There is no ${what} ${value}.`);
}

/** It exists, but the caller's role may not see it. */
export function notYours(what: string, role: string): Refusal {
  return new Refusal("forbidden", "helpdesk", `This ${what} is not available to the ${role} role.`);
}
