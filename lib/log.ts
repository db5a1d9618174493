import pino from "pino";
import { processWide } from "./process-wide";

/**
 * Every server log line goes through this one pino logger (JSON on stdout;
 * LOOKBACK_LOG_LEVEL, default `info`). The audit log is a separate pino
 * logger of its own (lib/audit/log.ts): this one is for operators.
 * Never log a secret: connection strings and passwords stay out of messages.
 */
export const log: pino.Logger = processWide("log", () =>
  pino({ level: process.env.LOOKBACK_LOG_LEVEL ?? "info", base: { app: "lookback" } }),
);

/** The message of anything thrown, for a log field. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
