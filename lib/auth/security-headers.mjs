/**
 * Headers on every response, whoever answers it: Next.js (next.config.js)
 * or Lookback's server itself (lib/auth/gate.ts sets them before anything
 * else, so a stored answer or a streamed export carries them too). The
 * Content-Security-Policy is not here: it carries a fresh nonce per request
 * (lib/auth/csp.ts).
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];
