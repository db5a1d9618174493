import path from "node:path";
import pino from "pino";
import { requestContext } from "../auth/request-context";
import { config } from "../db/config";
import { errorMessage, log } from "../log";
import type { AuditEntry } from "./entry";

/**
 * The audit log: one JSON line per entry (pino), appended to
 * LOOKBACK_AUDIT_FILE (default .data/audit.log), or written to stdout when it
 * is `stdout`. Writes are synchronous: a line is on disk before the response
 * goes out, so a crash cannot lose the record of what someone saw. Lines are
 * small, so concurrent writers (several Lookback processes) never interleave
 * within a line. The parameters are what the person asked for; nothing from
 * the environment (no URL, no password) is ever written here.
 */
let current: { target: string; logger: pino.Logger; destination: pino.DestinationStream } | undefined;

function logger(): pino.Logger {
  const target = config().LOOKBACK_AUDIT_FILE;
  if (current?.target !== target) {
    const old = current;
    const destination =
      target === "stdout"
        ? pino.destination({ dest: 1, sync: true })
        : pino.destination({ dest: path.resolve(target), mkdir: true, sync: true, append: true });
    current = {
      target,
      destination,
      logger: pino(
        // No level, pid or hostname: a `log: "audit"` marker (so that audit lines stand out among other
        // output on stdout), then the entry, `time` first (set in audit()).
        { base: undefined, timestamp: false, formatters: { level: () => ({ log: "audit" }) } },
        destination,
      ),
    };
    (old?.destination as { end?: () => void } | undefined)?.end?.();
  }
  return current.logger;
}

/** Records one entry; the client address is filled in from the request when not given. */
export function audit(entry: AuditEntry): void {
  const client = entry.client ?? requestContext()?.client;
  try {
    logger().info({ time: new Date().toISOString(), ...entry, ...(client ? { client } : {}) });
  } catch (error) {
    // An audit line that cannot be written must not pass silently, but must not take the report down either.
    log.error({ err: errorMessage(error) }, "Lookback could not write to its audit log");
  }
}

/** Whether the audit log goes to a file (and so can be read back by the audit-log report). */
export function auditFile(): string | undefined {
  const target = config().LOOKBACK_AUDIT_FILE;
  return target === "stdout" ? undefined : path.resolve(target);
}

/** Records that `user` opened `page` about `subject` (e.g. a tech's own page): people should know who looked at their numbers. */
export function auditView(
  user: { login: string; role: AuditEntry["role"] },
  page: string,
  subject: string,
  params?: Record<string, unknown>,
): void {
  audit({ event: "view", login: user.login, role: user.role, page, subject, params, outcome: "ok", via: "page" });
}
