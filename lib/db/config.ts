import { z } from "zod";

/**
 * Lookback's configuration, read once from the environment and validated at
 * start-up (instrumentation.ts, server.ts), so a missing or malformed variable
 * stops the server with a message that names it instead of failing on the
 * first report. Secrets (the database URLs' passwords) live only here, in the
 * environment; nothing logs them.
 */
const postgresUrls = z
  .string()
  .trim()
  .min(1)
  .transform((value) => value.split(",").map((url) => url.trim()))
  .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })).min(1))
  .describe("one replica URL, or several separated by commas");

/** A time limit in milliseconds, at most a day: Node's timers take at most 2^31 - 1 ms and treat more as 1 ms. */
const milliseconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .max(86_400_000, { error: "must be at most 86400000 (a day, in milliseconds)" })
    .default(fallback);

const headerName = (fallback: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/, { error: "must be an HTTP header name such as x-forwarded-user" })
    .default(fallback);

/** Comma-separated IP addresses and CIDR blocks (10.0.0.5, 10.1.0.0/16, ::1). */
const addressList = z
  .string()
  .trim()
  .transform((value) =>
    value
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== ""),
  )
  .pipe(
    z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: "must list IP addresses or CIDR blocks" })),
  );

/** Comma-separated words (hosts, patterns, domains), trimmed and lower-cased, empty ones dropped. */
const wordList = (check: RegExp, error: string) =>
  z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(",")
        .map((a) => a.trim().toLowerCase())
        .filter((a) => a !== ""),
    )
    .pipe(z.array(z.string().regex(check, { error })));

export const AUTH_MODES = ["demo", "proxy"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const AUTH_HINT =
  "set LOOKBACK_AUTH=proxy (with LOOKBACK_TRUSTED_PROXIES and LOOKBACK_USERS_FILE) to trust your single-sign-on proxy, " +
  "or LOOKBACK_AUTH=demo to let anyone pick a role (demonstrations only)";

export const HELPDESK_KINDS = ["lookback", "rt"] as const;

export const configSchema = z.object({
  NODE_ENV: z.string().optional(),
  /**
   * What HELPDESK_DATABASE_URL is: our helpdesk shape (`lookback`), or a
   * Request Tracker 5/6 database (`rt`) that Lookback copies into its own
   * database and reports from (lib/sources/rt; needs LOOKBACK_DATABASE_URL).
   */
  HELPDESK_KIND: z.enum(HELPDESK_KINDS, { error: `must be one of: ${HELPDESK_KINDS.join(", ")}` }).default("lookback"),
  /** The Request Tracker mapping file (JSON); every field has a default. */
  LOOKBACK_RT_CONFIG: z.string().trim().min(1).optional(),
  HELPDESK_DATABASE_URL: postgresUrls,
  BILLING_DATABASE_URL: postgresUrls,
  LOOKBACK_STATEMENT_TIMEOUT_MS: milliseconds(30_000),
  LOOKBACK_CONNECT_TIMEOUT_MS: milliseconds(5_000),
  /**
   * How long a report waits for a free connection in Lookback's own pool (all
   * of them busy with other reports) before it answers "busy". Separate from
   * the connect timeout: a full pool is not a source that is down.
   */
  LOOKBACK_QUEUE_TIMEOUT_MS: milliseconds(20_000),
  LOOKBACK_IDLE_TIMEOUT_MS: milliseconds(30_000),
  LOOKBACK_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Lookback's own database, writable and not a source: it keeps the history
   * index (lib/history) the queue reports answer from, and the monthly
   * summaries (lib/summary) of the year-long reports. Optional: without it
   * those reports read the replicas directly, correct but slower.
   */
  LOOKBACK_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  /**
   * How often the server recomputes the last two closed months' summaries
   * from the replicas (lib/summary), and twelve times this for earlier
   * months: a change to a past month (a time entry logged late, a voided
   * invoice) reaches the year-long reports within that time.
   */
  LOOKBACK_SUMMARY_REFRESH_SECONDS: z.coerce.number().int().min(10).default(300),
  LOOKBACK_TZ: z
    .string()
    .default("UTC")
    .refine(isTimeZone, { error: "must be an IANA time zone such as Europe/London" }),
  LOOKBACK_ROW_CAP: z.coerce.number().int().positive().default(10_000),
  LOOKBACK_EXPORT_ROW_CAP: z.coerce.number().int().positive().default(5_000_000),
  LOOKBACK_LAG_WARN_SECONDS: z.coerce.number().int().nonnegative().default(900),
  LOOKBACK_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(60),
  /**
   * The server's memory for cached results (estimated) and for stored JSON answers: budgets for the
   * whole server, each of its workers keeping its share (server.ts hands the shares out).
   */
  LOOKBACK_CACHE_MB: z.coerce.number().int().min(1).default(128),
  LOOKBACK_ANSWER_CACHE_MB: z.coerce.number().int().min(1).default(32),
  /**
   * Each worker's JavaScript heap (V8's old space): a heap allowed to grow is collected late, and a
   * worker under load then held three times what it used. Room for its caches and a few runs at once.
   */
  LOOKBACK_WORKER_HEAP_MB: z.coerce.number().int().min(128).default(384),
  /** A replica further behind than the freshest healthy one by more than this is avoided. */
  LOOKBACK_LAG_AVOID_SECONDS: z.coerce.number().int().nonnegative().default(60),
  /** How often each replica of a source with several is checked (health and lag). */
  LOOKBACK_REPLICA_CHECK_SECONDS: z.coerce.number().int().positive().default(10),
  LOOKBACK_AUTH: z.enum(AUTH_MODES, { error: `must be one of: ${AUTH_MODES.join(", ")}` }).optional(),
  LOOKBACK_AUTH_HEADER: headerName("x-forwarded-user"),
  LOOKBACK_AUTH_GROUPS_HEADER: headerName("x-forwarded-groups"),
  LOOKBACK_TRUSTED_PROXIES: addressList.default([]),
  LOOKBACK_USERS_FILE: z.string().trim().min(1).optional(),
  /**
   * Where a ticket number links to: the helpdesk's own page of a ticket, as
   * a template whose `{id}` is replaced by the ticket's id
   * (`https://helpdesk.example.com/tickets/{id}`). Unset: ticket numbers are plain text.
   */
  LOOKBACK_TICKET_URL: z
    .string()
    .trim()
    .refine((t) => t === "" || t.includes("{id}"), {
      error: "must contain {id}, where the ticket's id goes",
      abort: true,
    })
    .refine((t) => t === "" || isHttpUrl(t.replaceAll("{id}", "1")), {
      error: "must be an http:// or https:// address, e.g. https://helpdesk.example.com/tickets/{id}",
    })
    .transform((t) => (t === "" ? undefined : t))
    .optional(),
  /** Where audit lines go: a file path, or `stdout`. */
  LOOKBACK_AUDIT_FILE: z.string().trim().min(1).default(".data/audit.log"),
  /** Subscriptions' mail server, e.g. smtps://user:password@mail.example.com:465; no mail is sent without it. */
  LOOKBACK_SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of subscription mail. */
  LOOKBACK_MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
      error: "must be an address, e.g. lookback@example.com or Lookback <lookback@example.com>",
    })
    .default("Lookback <lookback@localhost>"),
  /** Where people reach Lookback: the links in subscription messages point here. */
  LOOKBACK_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .default("http://localhost:3000")
    .transform((url) => url.replace(/\/+$/, "")),
  /**
   * Where subscriptions may post: host names (hooks.slack.com), patterns (*.webhook.office.com), IP
   * addresses or CIDR blocks. Empty: no webhooks. A host that resolves to a private or loopback address is
   * refused unless that address (or the host by its literal name) is listed.
   */
  LOOKBACK_WEBHOOK_ALLOW: wordList(
    /^(\*\.)?[a-z0-9.:_-]+(\/\d{1,3})?$/,
    "must list host names, patterns like *.example.com, IP addresses or CIDR blocks",
  ).default([]),
  /** Domains subscription mail may go to (example.com also covers its subdomains); others need a manager. */
  LOOKBACK_MAIL_DOMAINS: wordList(/^[a-z0-9.-]+\.[a-z0-9-]+$/, "must list mail domains such as example.com").default(
    [],
  ),
});

/** The variables, plus the rules that tie several together (sign-in must be chosen in production). */
const checkedConfig = configSchema
  .superRefine((c, ctx) => {
    if (c.HELPDESK_KIND === "rt" && c.LOOKBACK_DATABASE_URL === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["LOOKBACK_DATABASE_URL"],
        message:
          "is not set: with HELPDESK_KIND=rt, Lookback copies Request Tracker's rows into its own database and reports from there",
      });
    }
    if (c.LOOKBACK_AUTH === undefined && c.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["LOOKBACK_AUTH"],
        message: `is not set, and Lookback will not serve reports in production without sign-in: ${AUTH_HINT}`,
      });
    }
    if (c.LOOKBACK_AUTH !== "proxy") return;
    if (c.LOOKBACK_TRUSTED_PROXIES.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["LOOKBACK_TRUSTED_PROXIES"],
        message:
          "is not set: with LOOKBACK_AUTH=proxy, list the sign-in proxy's addresses (e.g. 10.0.0.5 or 10.0.0.0/24); the login header is trusted only from them",
      });
    }
    if (c.LOOKBACK_USERS_FILE === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["LOOKBACK_USERS_FILE"],
        message:
          "is not set: with LOOKBACK_AUTH=proxy, name the JSON file that gives users and groups their roles (see README, Access and audit)",
      });
    }
  })
  .transform(({ LOOKBACK_AUTH, ...c }) => ({ ...c, LOOKBACK_AUTH: LOOKBACK_AUTH ?? ("demo" as AuthMode) }));

export type Config = z.output<typeof checkedConfig>;

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

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
  const result = checkedConfig.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    // Our own checks say what to set; zod's say what is wrong with a value that is there.
    const problem = issue.code === "custom" || env[name] !== undefined ? issue.message : "is not set";
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
