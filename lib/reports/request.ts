import "server-only";
import type { z } from "zod";
import { canRun } from "../auth/access";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { type ParamIssue, parseParams, type RawParams, toSearchParams } from "../params/parse";
import { isPreset, resolvePreset } from "../params/presets";
import { getReport } from "./registry";
import type { Report } from "./types";

/**
 * The steps every entry point (page, JSON/CSV API) takes before running a
 * report, in one place: find it, check the role, resolve a preset to dates,
 * validate the parameters. The caller turns the outcome into a page or a status.
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
  const input = { ...raw };
  let presetResolved = false;
  const preset = input.preset;
  if (typeof preset === "string" && preset !== "") {
    if (!isPreset(preset)) {
      return { kind: "invalid", report, raw, issues: [{ param: "preset", message: "is not a known period" }] };
    }
    Object.assign(input, resolvePreset(preset, now, config().LOOKBACK_TZ));
    presetResolved = true;
  }
  delete input.preset;
  const parsed = parseParams(report.params, input);
  if (!parsed.ok) return { kind: "invalid", report, issues: parsed.issues, raw };
  const canonical = toSearchParams(parsed.params as Record<string, unknown>);
  return { kind: "ok", report, params: parsed.params, canonical, presetResolved };
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
