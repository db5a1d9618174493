/** The benchmark's visitor: demo mode, manager role (sees every report), loopback only. */
export const ROLE_COOKIE = "lookback_role=manager";

export type Params = Record<string, string | string[]>;

export function reportPath(reportId: string, params: Params, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return `/api/reports/${reportId}?${search.toString()}`;
}

/**
 * The size of a report's page as a browser loads it first: the HTML document
 * (the React Server Components payload travels inline in it), uncompressed.
 * NaN when the page does not answer 200.
 */
export async function pageWeight(baseUrl: string, reportId: string, params: Params): Promise<number> {
  const path = reportPath(reportId, params).replace(/^\/api\/reports\//, "/reports/");
  const response = await fetch(baseUrl + path, {
    headers: { cookie: ROLE_COOKIE, accept: "text/html" },
    signal: AbortSignal.timeout(120_000),
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  return response.ok ? bytes : NaN;
}

export interface ApiAnswer {
  status: number;
  /** meta.durationMs: the server's own time for the run. */
  serverMs: number;
  /** Request to last byte, as the client saw it. */
  wallMs: number;
  rows: number;
  truncated: boolean;
  cached: boolean;
  error?: string;
}

interface ApiBody {
  meta?: { durationMs: number; rowCount: number; truncated: boolean; cached?: boolean };
  error?: { code: string; message: string };
}

export async function callReport(baseUrl: string, path: string): Promise<ApiAnswer> {
  const started = performance.now();
  const response = await fetch(baseUrl + path, {
    headers: { cookie: ROLE_COOKIE },
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  const wallMs = performance.now() - started;
  let body: ApiBody;
  try {
    body = JSON.parse(text) as ApiBody;
  } catch {
    return {
      status: response.status,
      serverMs: NaN,
      wallMs,
      rows: 0,
      truncated: false,
      cached: false,
      error: text.slice(0, 300),
    };
  }
  if (!response.ok || !body.meta) {
    const error = body.error ? `${body.error.code}: ${body.error.message}` : text.slice(0, 300);
    return { status: response.status, serverMs: NaN, wallMs, rows: 0, truncated: false, cached: false, error };
  }
  return {
    status: response.status,
    serverMs: body.meta.durationMs,
    wallMs,
    rows: body.meta.rowCount,
    truncated: body.meta.truncated,
    cached: body.meta.cached === true,
  };
}
