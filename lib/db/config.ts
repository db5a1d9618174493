import { z } from "zod";

/**
 * Lookback's configuration, read once from the environment and validated at
 * start-up (instrumentation.ts), so a missing or malformed variable stops the
 * server with a message that names it instead of failing on the first report.
 */
const postgresUrls = z
  .string()
  .trim()
  .min(1)
  .transform((value) => value.split(",").map((url) => url.trim()))
  .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })).min(1))
  .describe("one replica URL, or several separated by commas");

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = z.object({
  HELPDESK_DATABASE_URL: postgresUrls,
  BILLING_DATABASE_URL: postgresUrls,
  LOOKBACK_STATEMENT_TIMEOUT_MS: milliseconds(30_000),
  LOOKBACK_CONNECT_TIMEOUT_MS: milliseconds(5_000),
  LOOKBACK_IDLE_TIMEOUT_MS: milliseconds(30_000),
  LOOKBACK_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOOKBACK_TZ: z
    .string()
    .default("UTC")
    .refine(isTimeZone, { error: "must be an IANA time zone such as Europe/London" }),
  LOOKBACK_ROW_CAP: z.coerce.number().int().positive().default(10_000),
  LOOKBACK_EXPORT_ROW_CAP: z.coerce.number().int().positive().default(5_000_000),
  LOOKBACK_LAG_WARN_SECONDS: z.coerce.number().int().nonnegative().default(900),
  LOOKBACK_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(60),
});

export type Config = z.infer<typeof configSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const problem = env[name] === undefined ? "is not set" : issue.message;
    return `  ${name} ${problem}`;
  });
  throw new ConfigError(
    `Lookback cannot start: its environment is incomplete.\n${lines.join("\n")}\n` +
      "Set the database URLs to your read replicas, or run `npm start` without them to use the embedded demo database.",
  );
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forget the parsed configuration, so the next call reads the environment again (tests). */
export function resetConfig(): void {
  cached = undefined;
}
