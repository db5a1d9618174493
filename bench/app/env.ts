/**
 * The environment the production build is built and served with: only what
 * the table depends on, so no LOOKBACK_* setting leaks in from the shell.
 * Demo sign-in: the benchmark's visitor picks the manager role by cookie.
 */
export interface AppEnvSettings {
  helpdeskUrl: string;
  billingUrl: string;
  /** LOOKBACK_DATABASE_URL: our own database, with the dataset's history index already built. */
  storeUrl?: string;
  /** LOOKBACK_CACHE_TTL_SECONDS: 0 for server-time measurements, the default 60 to show the cache. */
  cacheTtlSeconds: number;
  poolMax: number;
}

export function appEnv(settings: AppEnvSettings): Record<string, string> {
  return {
    HELPDESK_DATABASE_URL: settings.helpdeskUrl,
    BILLING_DATABASE_URL: settings.billingUrl,
    ...(settings.storeUrl ? { LOOKBACK_DATABASE_URL: settings.storeUrl } : {}),
    LOOKBACK_CACHE_TTL_SECONDS: String(settings.cacheTtlSeconds),
    // The summaries are computed before the runs (bench/dataset/history.ts): no recomputation
    // in the background of a measurement.
    LOOKBACK_SUMMARY_REFRESH_SECONDS: "86400",
    LOOKBACK_POOL_MAX: String(settings.poolMax),
    LOOKBACK_AUTH: "demo",
    NEXT_TELEMETRY_DISABLED: "1",
    ...serverEnvOverrides(),
  };
}

/**
 * BENCH_SERVER_ENV="LOOKBACK_WORKERS=3 LOOKBACK_POOL_MAX=6": settings of the server under test to try
 * instead of the table's, for experiments (the run's log says them).
 */
export function serverEnvOverrides(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVER_ENV ?? "").split(/\s+/).filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`BENCH_SERVER_ENV: '${pair}' is not NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** A child's full environment: the app's settings on top of PATH and HOME, in production mode. */
export function childEnv(settings: AppEnvSettings): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...appEnv(settings), NODE_ENV: "production" };
}
