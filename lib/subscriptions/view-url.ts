import { fromSearchParams, type RawParams } from "../params/parse";
import { allReports, getReport } from "../reports/registry";
import type { Report } from "../reports/types";

/**
 * A saved view is a report page's path and query string as the browser shows
 * it (`/reports/tech-scorecard?preset=last-30-days&team=1`, or a report's own
 * page such as `/certs?q=…`). The origin, if given, is dropped: a view opens
 * on whichever Lookback serves it. A `preset=` stays in the view and is
 * resolved at each run, so "last 30 days" means the 30 days before the run;
 * the dates it stood for are dropped, they would only contradict it.
 */
export interface ViewUrl {
  report: Report;
  /** Path and query as stored. */
  url: string;
  raw: RawParams;
}

export type ParsedViewUrl = { ok: true; view: ViewUrl } | { ok: false; message: string };

const MAX_URL = 4_000;

export function parseViewUrl(given: string): ParsedViewUrl {
  const text = given.trim();
  if (text.length > MAX_URL) return { ok: false, message: `is too long: at most ${MAX_URL} characters` };
  if (!text.startsWith("/") && !/^https?:\/\//i.test(text)) {
    return { ok: false, message: "must be a report page's path and query, e.g. /reports/ticket-volume?preset=today" };
  }
  if (text.startsWith("//")) return { ok: false, message: "must be a path on Lookback, not another site" };
  let url: URL;
  try {
    url = new URL(text, "http://lookback.invalid");
  } catch {
    return { ok: false, message: "is not a URL" };
  }
  const report = reportOfPath(url.pathname);
  if (!report) return { ok: false, message: `is not a report page: ${url.pathname.slice(0, 100)}` };
  const search = new URLSearchParams(url.search);
  search.delete("format");
  if (search.get("preset")) {
    search.delete("from");
    search.delete("to");
  }
  const query = search.toString();
  return {
    ok: true,
    view: { report, url: `${url.pathname}${query ? `?${query}` : ""}`, raw: fromSearchParams(search) },
  };
}

function reportOfPath(pathname: string): Report | undefined {
  const match = /^\/reports\/([a-z0-9-]{1,100})\/?$/.exec(pathname);
  if (match) return getReport(match[1] as string);
  return allReports().find((r) => r.page !== undefined && r.page === pathname.replace(/\/$/, ""));
}
