import "server-only";
import type { User } from "@/lib/auth/roles";
import { config } from "@/lib/db/config";
import { parseInstant } from "@/lib/params/fields";
import type { ParamIssue, RawParams } from "@/lib/params/parse";
import { MAX_SPAN_DAYS } from "@/lib/reports/queue-depth/report";
import { type QueueTimeTravelParams, queueTimeTravel } from "@/lib/reports/queue-time-travel/report";
import type { ViewState } from "@/lib/reports/queue-time-travel/view/links";
import { prepare } from "@/lib/reports/request";

export type QueuesPageState = ViewState & { at: Date; queue: number[] };

export type QueuesPage =
  | { ok: true; state: QueuesPageState }
  | { ok: false; forbidden: true }
  | { ok: false; forbidden?: false; issues: ParamIssue[] };

/**
 * The queue page's URL: the report's own parameters (`at`, `queue`) go
 * through the engine's prepare(), exactly as on the report page and in the
 * API (the same role check, the same parsing: a future instant is refused);
 * the page adds two extras: `span` (days of depth, 1–90) and `since` (the
 * earlier instant of "what changed", before `at`).
 */
export function parseQueuesPage(raw: RawParams, user: User): QueuesPage {
  const own = Object.fromEntries(Object.entries(raw).filter(([k]) => k === "at" || k === "queue"));
  const prepared = prepare(queueTimeTravel.id, own, user);
  if (prepared.kind === "forbidden" || prepared.kind === "not_found") return { ok: false, forbidden: true };
  const issues: ParamIssue[] = prepared.kind === "invalid" ? [...prepared.issues] : [];
  const span = one(raw.span);
  const spanDays = span === undefined ? undefined : Number(span);
  if (spanDays !== undefined && !(Number.isInteger(spanDays) && spanDays >= 1 && spanDays <= MAX_SPAN_DAYS)) {
    issues.push({ param: "span", message: `must be a whole number of days from 1 to ${MAX_SPAN_DAYS}` });
  }
  const sinceText = one(raw.since);
  const since = sinceText === undefined ? undefined : parseInstant(sinceText, config().LOOKBACK_TZ);
  if (sinceText !== undefined && !since)
    issues.push({ param: "since", message: "must be an instant like 2026-11-03T03:00:00Z" });
  if (prepared.kind !== "ok" || issues.length > 0) return { ok: false, issues };
  const params = prepared.params as QueueTimeTravelParams;
  if (since && since.getTime() >= params.at.getTime()) {
    return { ok: false, issues: [{ param: "since", message: "must be before the instant shown (at)" }] };
  }
  return { ok: true, state: { at: params.at, queue: params.queue, span: spanDays, since } };
}

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}
