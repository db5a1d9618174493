import "server-only";
import type { z } from "zod";
import { audit } from "../audit/log";
import { canRun } from "../auth/access";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { type ParamIssue, parseParams, type RawParams, toSearchParams } from "../params/parse";
import { choosePeriod, isPreset, PERIOD_WAS, PRESETS, resolvePreset } from "../params/presets";
import { getReport } from "./registry";
import type { Report } from "./types";

/**
 * The steps every entry point (page, JSON/CSV API) takes before running a
 * report, in one place: find it, check the role, bound the request's size,
 * resolve a preset to dates, validate the parameters. The caller turns the
 * outcome into a page or a status.
 */
export type Prepared =
  | { kind: "not_found" }
  | { kind: "forbidden"; report: Report }
  | { kind: "invalid"; report: Report; issues: ParamIssue[]; raw: RawParams }
  | { kind: "ok"; report: Report; params: z.output<z.ZodType>; canonical: URLSearchParams; presetResolved: boolean };

export function prepare(id: string, raw: RawParams, user: User, now = new Date()): Prepared {
  const report = getReport(id);
  if (!report) return { kind: "not_found" };
  if (!canRun(user, report)) return { kind: "forbidden", report };
  const tooBig = checkSize(raw);
  if (tooBig.length > 0) return { kind: "invalid", report, raw: {}, issues: tooBig };
  const input = { ...raw };
  let presetResolved = false;
  const preset = input.preset;
  if (typeof preset === "string" && preset !== "") {
    if (!isPreset(preset)) {
      // Said with what was asked and what may be: a link from elsewhere ("last-90-days") shows its mistake.
      const known = Object.keys(PRESETS).join(", ");
      const message = `${JSON.stringify(preset.slice(0, 40))} is not a known period; one of: ${known}, or dates`;
      return { kind: "invalid", report, raw, issues: [{ param: "preset", message }] };
    }
    const resolved = resolvePreset(preset, now, config().LOOKBACK_TZ);
    const period = choosePeriod(preset, raw, resolved);
    if (period.kind === "conflict") {
      return { kind: "invalid", report, raw, issues: [{ param: "preset", message: period.message }] };
    }
    if (period.kind === "preset") Object.assign(input, resolved);
    presetResolved = true;
  }
  delete input.preset;
  delete input[PERIOD_WAS];
  const parsed = parseParams(report.params, input);
  if (!parsed.ok) return { kind: "invalid", report, issues: parsed.issues, raw };
  const canonical = toSearchParams(parsed.params as Record<string, unknown>);
  return { kind: "ok", report, params: parsed.params, canonical, presetResolved };
}

/** The most a request may carry: far above any real form, far below anything that could hurt. */
export const LIMITS = { keys: 100, values: 500, valueChars: 2_000, totalChars: 8_192 } as const;

/**
 * Bounds on the raw query before anything parses it: number of keys and
 * values, length of each value and of the whole, and no text PostgreSQL
 * would choke on (NUL and other control characters, broken UTF-16). Each
 * issue names the parameter; schemas then bound each field more tightly.
 */
export function checkSize(raw: RawParams): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const keys = Object.keys(raw);
  if (keys.length > LIMITS.keys) {
    return [{ param: "query", message: `has ${keys.length} parameters; at most ${LIMITS.keys} are accepted` }];
  }
  let values = 0;
  let total = 0;
  for (const key of keys) {
    const given = raw[key];
    const list = given === undefined ? [] : Array.isArray(given) ? given : [given];
    values += list.length;
    total += key.length;
    if (key.length > 100) issues.push({ param: key.slice(0, 100), message: "is not a parameter name" });
    for (const value of list) {
      total += value.length + 2;
      if (value.length > LIMITS.valueChars) {
        issues.push({ param: key, message: `is too long: at most ${LIMITS.valueChars} characters` });
        break;
      }
      if (!isPlainText(value)) {
        issues.push({ param: key, message: "must be plain text (no control characters)" });
        break;
      }
    }
  }
  if (values > LIMITS.values) {
    issues.push({ param: "query", message: `has ${values} values; at most ${LIMITS.values} are accepted` });
  }
  if (total > LIMITS.totalChars && issues.length === 0) {
    issues.push({ param: "query", message: `is too long: at most ${LIMITS.totalChars} characters in all` });
  }
  return issues;
}

function isPlainText(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  return value.isWellFormed() && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}

/**
 * The audit line of a page request that did not get as far as running: no such report (404), not for the
 * caller's role (403), or parameters to fix (the page, 200). A run is audited where it runs.
 */
export function auditNotRun(user: User, id: string, outcome: "not_found" | "forbidden" | "invalid", raw: RawParams) {
  audit({
    event: "run",
    login: user.login,
    role: user.role,
    report: id.slice(0, 100),
    via: "page",
    outcome,
    status: { not_found: 404, forbidden: 403, invalid: 200 }[outcome],
    params: outcome === "not_found" ? undefined : auditable(raw),
  });
}

/** Parameters as given, bounded, for the audit line of a request that did not get as far as running. */
export function auditable(raw: RawParams): Record<string, unknown> {
  if (checkSize(raw).length > 0) return { _omitted: "the request was too large or held control characters" };
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => k !== "format" && v !== undefined));
}

/** Whether the URL already holds exactly the canonical parameters (else the page redirects to them). */
export function isCanonical(raw: RawParams, canonical: URLSearchParams): boolean {
  const given = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    if (k === "format") continue;
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) given.append(k, one);
  }
  const norm = (s: URLSearchParams) =>
    [...s.entries()]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("&");
  return norm(given) === norm(canonical);
}
