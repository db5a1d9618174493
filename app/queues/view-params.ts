import { config } from "@/lib/db/config";
import { parseInstant } from "@/lib/params/fields";
import { type ParamIssue, parseParams, type RawParams } from "@/lib/params/parse";
import { MAX_SPAN_DAYS } from "@/lib/reports/queue-depth/params";
import { queueTimeTravel } from "@/lib/reports/queue-time-travel";
import type { ViewState } from "@/lib/reports/queue-time-travel/view/links";

export type QueuesPageState = ViewState & { at: Date };

/**
 * The queue page's URL: the report's own parameters (`at`, `queue`), parsed
 * exactly as the report page and the API parse them, plus the page's two
 * extras: `span` (days of depth, 1–90) and `since` (the earlier instant of
 * "what changed", before `at`).
 */
export function parseQueuesPage(
  raw: RawParams,
): { ok: true; state: QueuesPageState } | { ok: false; issues: ParamIssue[] } {
  const parsed = parseParams(queueTimeTravel.params, raw);
  const issues: ParamIssue[] = parsed.ok ? [] : [...parsed.issues];
  const span = one(raw.span);
  const spanDays = span === undefined ? undefined : Number(span);
  if (spanDays !== undefined && !(Number.isInteger(spanDays) && spanDays >= 1 && spanDays <= MAX_SPAN_DAYS)) {
    issues.push({ param: "span", message: `must be a whole number of days from 1 to ${MAX_SPAN_DAYS}` });
  }
  const sinceText = one(raw.since);
  const since = sinceText === undefined ? undefined : parseInstant(sinceText, config().LOOKBACK_TZ);
  if (sinceText !== undefined && !since)
    issues.push({ param: "since", message: "must be an instant like 2026-11-03T03:00:00Z" });
  if (!parsed.ok || issues.length > 0) return { ok: false, issues };
  if (since && since.getTime() >= parsed.params.at.getTime()) {
    return { ok: false, issues: [{ param: "since", message: "must be before the instant shown (at)" }] };
  }
  return { ok: true, state: { at: parsed.params.at, queue: parsed.params.queue, span: spanDays, since } };
}

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}
