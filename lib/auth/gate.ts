import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { audit } from "../audit/log";
import { type Config, config } from "../db/config";
import { errorMessage, log } from "../log";
import { addressMatcher, clientAddress } from "./addresses";
import { contentSecurityPolicy, newNonce } from "./csp";
import { type Identity, identify } from "./identify";
import { type RequestContext, runInRequest } from "./request-context";
import { SECURITY_HEADERS } from "./security-headers.mjs";

/**
 * The front door of Lookback's server (server.ts): every request passes here
 * before Next.js sees it. In proxy mode it decides who the request is from
 * (identify.ts) and refuses it outright when no trusted proxy vouches for a
 * known user; the sign-in headers of an untrusted peer are deleted so that
 * nothing further in can read them. In every mode it sets the Content
 * Security Policy with a fresh nonce, and runs the request inside a
 * RequestContext whose signal aborts when the client disconnects, so a
 * page's query is cancelled when the browser navigates away.
 */
export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface GateOptions {
  /** The configuration to follow (default: the environment's). */
  config?: () => Config;
}

export function createGate(handle: NextHandler, options: GateOptions = {}): RequestListener {
  const read = options.config ?? config;
  let matcher: { list: readonly string[]; match: ReturnType<typeof addressMatcher> } | undefined;
  const trustedOf = (c: Config) => {
    if (matcher?.list !== c.LOOKBACK_TRUSTED_PROXIES) {
      matcher = { list: c.LOOKBACK_TRUSTED_PROXIES, match: addressMatcher(c.LOOKBACK_TRUSTED_PROXIES) };
    }
    return matcher.match;
  };
  return (req, res) => {
    const controller = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished)
        controller.abort(new DOMException("The client went away before its response was complete.", "AbortError"));
    });
    void (async () => {
      const c = read();
      const trusted = trustedOf(c);
      const peer = req.socket.remoteAddress;
      // The nonce Next.js uses comes from this request header: never let a client choose it.
      const nonce = newNonce();
      const csp = contentSecurityPolicy(nonce);
      req.headers["content-security-policy"] = csp;
      delete req.headers["content-security-policy-report-only"];
      res.setHeader("Content-Security-Policy", csp);
      for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
      let identity: Identity | undefined;
      if (c.LOOKBACK_AUTH === "proxy") {
        if (!trusted(peer)) {
          delete req.headers[c.LOOKBACK_AUTH_HEADER];
          delete req.headers[c.LOOKBACK_AUTH_GROUPS_HEADER];
        }
        identity = await identify({ peer, header: (name) => single(req.headers[name]) }, c, trusted);
        if (!identity.ok) {
          const claimed = single(req.headers[c.LOOKBACK_AUTH_HEADER])?.trim().slice(0, 200);
          audit({
            event: "sign-in",
            login: claimed || undefined,
            outcome: "refused",
            status: identity.status,
            client: identity.client,
          });
          return refuse(res, identity.status, identity.message);
        }
      }
      const context: RequestContext = {
        user: identity?.ok ? identity.user : undefined,
        client: identity?.client ?? clientAddress(peer, single(req.headers["x-forwarded-for"]), trusted),
        signal: controller.signal,
      };
      await runInRequest(context, () => handle(req, res));
    })().catch((error: unknown) => {
      log.error({ err: errorMessage(error), url: req.url }, "Lookback's server failed to handle a request");
      if (!res.headersSent) refuse(res, 500, "Lookback failed to answer this request; the server log has the details.");
      else res.destroy();
    });
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A refusal in plain words: a small page for browsers, JSON for the API. */
function refuse(res: ServerResponse, status: number, message: string): void {
  const wantsJson = res.req?.url?.startsWith("/api/") ?? false;
  res.statusCode = status;
  res.setHeader("Cache-Control", "no-store");
  if (wantsJson) {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(
      JSON.stringify({
        error: { code: status === 401 ? "unauthenticated" : status === 503 ? "unavailable" : "forbidden", message },
      }),
    );
    return;
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Lookback</title>` +
      `<body><h1>Lookback</h1><p>${escapeHtml(message)}</p></body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
