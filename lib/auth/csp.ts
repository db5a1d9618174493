import { randomBytes } from "node:crypto";

/**
 * The Content Security Policy of every response Lookback's server sends.
 * Scripts: only our own files and the inline scripts Next.js writes for
 * hydration, which carry this request's nonce (Next.js reads the nonce from
 * the request's Content-Security-Policy header and stamps its scripts with
 * it); 'strict-dynamic' lets those load the page's chunks. Styles allow
 * inline because React style attributes and recharts use them, and a nonce
 * cannot cover attributes. No framing (frame-ancestors), no plugins, forms
 * and fetches to ourselves only. No upgrade-insecure-requests: intranets
 * often serve plain HTTP.
 */
export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
