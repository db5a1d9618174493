import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import type { AuditEntry } from "../audit/entry";
import { audit } from "../audit/log";
import { demoUser } from "../auth/demo-user";
import { roleCookieOf } from "../auth/role-cookie";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { processWide } from "../process-wide";

/**
 * The JSON API's answers, kept as the bytes that were sent: serialized once,
 * compressed once per encoding (brotli or gzip, as the client accepts),
 * with an ETag, for as long as the result they were cut from stays cached.
 * Lookback's server (server.ts) answers a repeat straight from here, before
 * Next.js is involved: a cached answer costs a map lookup, an audit line
 * and a write. No `server-only` here: server.ts loads this module.
 *
 * The key is the request's path and query (parameters sorted) and who is
 * asking as the server sees them before any page code runs: in proxy mode
 * the verified user's scope, in demo mode the role cookie. An answer is
 * stored only after that user was allowed to run the report.
 */
export interface StoredAnswer {
  body: Buffer;
  etag: string;
  contentType: string;
  expiresAt: number;
  /**
   * For the audit line of every answer served from here: what was answered. Who asked is the request's
   * own user, never the first asker's: the key holds their scope, which several people can share.
   */
  audit: Pick<AuditEntry, "report" | "params" | "rowCount">;
  gzip?: Buffer;
  br?: Buffer;
}

// Made on first use: its size is a setting, read once the environment is there.
const answers = () =>
  processWide(
    "answer-cache",
    () =>
      new LRUCache<string, StoredAnswer>({
        maxSize: config().LOOKBACK_ANSWER_CACHE_MB * 1024 * 1024,
        sizeCalculation: (a) => a.body.length + (a.gzip?.length ?? 0) + (a.br?.length ?? 0) + 512,
      }),
  );

/** What a run's rows depend on about the user: never share a result across these. */
export function scopeKey(user: User): string {
  return `${user.role}|${[...user.teamIds].sort((a, b) => a - b).join(",")}|${user.techId ?? ""}`;
}

/** Who is asking, as a cache key: the verified user (proxy mode) or the demo role cookie. */
export function askerKey(user: User | undefined, cookieHeader: string | undefined): string {
  if (user) return `user:${scopeKey(user)}`;
  return `demo:${roleCookieOf(cookieHeader) ?? ""}`;
}

/** The request's path with its parameters in a fixed order, so `a=1&b=2` and `b=2&a=1` share an answer. */
export function answerKey(pathAndQuery: string, asker: string): string {
  const at = pathAndQuery.indexOf("?");
  const path = at < 0 ? pathAndQuery : pathAndQuery.slice(0, at);
  const search = new URLSearchParams(at < 0 ? "" : pathAndQuery.slice(at + 1));
  search.sort();
  return `${path}?${search.toString()}#${asker}`;
}

/**
 * Keeps `text` as the answer for `key` until it expires; nothing (not even its bytes or ETag, a hash of
 * megabytes) when it is already expired, as every answer is with the result cache off.
 */
export function storeAnswer(
  key: string,
  text: string,
  answer: Omit<StoredAnswer, "etag" | "body">,
): StoredAnswer | undefined {
  const ttl = answer.expiresAt - Date.now();
  if (ttl <= 0) return undefined;
  const body = Buffer.from(text);
  const stored = { ...answer, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  answers().set(key, stored, { ttl });
  return stored;
}

/** A stored answer for this key that has not expired. */
export function findAnswer(key: string): StoredAnswer | undefined {
  const hit = answers().get(key);
  return hit && hit.expiresAt > Date.now() ? hit : undefined;
}

type Encoding = "br" | "gzip" | "identity";

/** The best encoding the client accepts: brotli, then gzip, else none. */
export function pickEncoding(acceptEncoding: string | null | undefined): Encoding {
  const accepted = (acceptEncoding ?? "").toLowerCase();
  if (/\bbr\b/.test(accepted)) return "br";
  if (/\bgzip\b/.test(accepted)) return "gzip";
  return "identity";
}

/** The bytes to send for an encoding, compressed on first use and kept (small answers are sent as they are). */
export function encodedBody(answer: StoredAnswer, encoding: Encoding): { body: Buffer; encoding: Encoding } {
  if (encoding === "identity" || answer.body.length < 1_024) return { body: answer.body, encoding: "identity" };
  if (encoding === "br") {
    // Quality 5: most of brotli's gain at a fraction of the default (11)'s time.
    answer.br ??= brotliCompressSync(answer.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    return { body: answer.br, encoding };
  }
  answer.gzip ??= gzipSync(answer.body, { level: 6 });
  return { body: answer.gzip, encoding };
}

/** The headers of a stored answer (or of its 304). */
export function answerHeaders(answer: StoredAnswer, encoding: Encoding, length: number): Record<string, string> {
  return {
    "content-type": answer.contentType,
    etag: answer.etag,
    vary: "accept-encoding, cookie",
    // Private: the answer depends on who asks; no-cache: always ask us, the ETag makes that cheap.
    "cache-control": "private, no-cache",
    "content-length": String(length),
    ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
  };
}

/**
 * Serves a GET of the JSON API from the stored answers, if there is one:
 * 304 when the client's If-None-Match holds its ETag, else the bytes in the
 * best encoding. Every answer is audited as a cached run. Returns false
 * (nothing written) when the request is not in the cache.
 */
export function serveStoredAnswer(req: IncomingMessage, res: ServerResponse, user: User | undefined): boolean {
  if (req.method !== "GET" || !req.url?.startsWith("/api/reports/")) return false;
  const started = performance.now();
  const key = answerKey(req.url, askerKey(user, req.headers.cookie));
  const answer = findAnswer(key);
  if (!answer) return false;
  const notModified = ifNoneMatch(req.headers["if-none-match"], answer.etag);
  const { body, encoding } = encodedBody(
    answer,
    notModified ? "identity" : pickEncoding(req.headers["accept-encoding"]),
  );
  const asker = user ?? demoUser(roleCookieOf(req.headers.cookie));
  audit({
    event: "run",
    via: "api",
    login: asker.login,
    role: asker.role,
    ...answer.audit,
    outcome: "ok",
    status: notModified ? 304 : 200,
    cached: true,
    durationMs: Math.round(performance.now() - started),
  });
  if (notModified) {
    res.writeHead(304, { etag: answer.etag, vary: "accept-encoding, cookie", "cache-control": "private, no-cache" });
    res.end();
    return true;
  }
  res.writeHead(200, answerHeaders(answer, encoding, body.length));
  res.end(body);
  return true;
}

export function ifNoneMatch(header: string | string[] | null | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === "*");
}
