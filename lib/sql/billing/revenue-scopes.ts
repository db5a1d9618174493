/**
 * Which invoice lines count as revenue: support products (retainer and
 * hourly) or every product. Constants only (no SQL), so parameter schemas
 * that run in the browser can read them too.
 */
export const SCOPE_CATEGORIES = {
  support: ["support_retainer", "support_hourly"],
  all: null,
} as const satisfies Record<string, readonly string[] | null>;

export const SCOPES = ["support", "all"] as const;
export type Scope = (typeof SCOPES)[number];
