import type { z } from "zod";
import { isMultiple, objectShape } from "./ui";

export type RawParams = Record<string, string | string[] | undefined>;

export interface ParamIssue {
  /** The parameter's name as it appears in the URL. */
  param: string;
  message: string;
}

export type ParseResult<T> = { ok: true; params: T } | { ok: false; issues: ParamIssue[] };

/** Query-string keys the framework owns, never a report parameter. */
export const RESERVED = new Set(["format", "preset", "period_was", "role", "sql"]);

export function fromSearchParams(search: URLSearchParams): RawParams {
  const raw: RawParams = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    raw[key] = all.length === 1 ? all[0] : all;
  }
  return raw;
}

/**
 * Validates a request's parameters against a report's schema. Empty values
 * count as absent (a GET form sends `team=` for "any team"); a key given more
 * than once is refused unless the parameter takes several values; unknown
 * keys are ignored. Every issue names its parameter.
 */
export function parseParams<S extends z.ZodType>(schema: S, raw: RawParams): ParseResult<z.output<S>> {
  const shape = objectShape(schema);
  const input: Record<string, unknown> = {};
  const issues: ParamIssue[] = [];
  for (const [name, field] of Object.entries(shape)) {
    const given = raw[name];
    const values = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter((v) => v !== "");
    if (isMultiple(field)) {
      input[name] = values.flatMap((v) => v.split(",")).filter((v) => v.trim() !== "");
    } else if (values.length > 1) {
      issues.push({ param: name, message: "is given more than once; give it once" });
    } else if (values.length === 1) {
      input[name] = values[0];
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, params: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      param: String(issue.path[0] ?? "params"),
      message: issue.message,
    })),
  };
}

/** The canonical query string of parsed parameters: concrete dates, UTC instants, repeated keys. */
export function toSearchParams(params: Record<string, unknown>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined || v === null || v === "") continue;
      search.append(key, v instanceof Date ? v.toISOString() : String(v));
    }
  }
  return search;
}

/** Parameters as the JSON API echoes them. */
export function echoParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      // A parsed value that carries its own text (a client key) is echoed as that text, as the URL has it.
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : isTextual(v) ? String(v) : v]),
  );
}

function isTextual(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "toString");
}
