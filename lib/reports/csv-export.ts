import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { requestSignal, userOfRequest } from "../auth/session";
import { log } from "../log";
import { answer } from "./api";

const PREFIX = "/api/reports/";

/**
 * A CSV export answered by Lookback's server itself (server.ts), outside
 * Next.js's route handler: the same `answer()` as /api/reports/{id} (role
 * check, parameters, audit, the cursor), its stream piped to the socket with
 * backpressure. Through Next.js the response path reads a stream ahead of a
 * slow client, holding hundreds of megabytes of a big export in memory; here
 * the cursor is read only as fast as the client takes the bytes. Returns
 * false (nothing written) for anything that is not a CSV GET of a report.
 */
export async function serveCsvExport(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "GET" || !req.url?.startsWith(PREFIX)) return false;
  const url = new URL(req.url, "http://lookback.invalid");
  const id = url.pathname.slice(PREFIX.length);
  if (url.searchParams.get("format") !== "csv" || id === "" || id.includes("/")) return false;
  const user = userOfRequest(req.headers.cookie);
  // No verified user (proxy mode outside the gate): Next's route says so as it always did.
  if (!user) return false;
  const signal = requestSignal() ?? new AbortController().signal;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  // No `asker`: only JSON answers are stored (answer-cache.ts); an export always streams afresh.
  const response = await answer(reportIdOf(id), url, user, signal, { headers });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return true;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
  } catch (error) {
    // The client went away (its query is cancelled through the signal) or the stream failed mid-way.
    log.debug({ err: (error as Error).message, url: req.url }, "a CSV export ended early");
  }
  return true;
}

/** The report id a path segment spells; a malformed escape (`%E0`) is left as it is, for a 404 that names it. */
export function reportIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
