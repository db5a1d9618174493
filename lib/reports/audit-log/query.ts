import "server-only";
import type { z } from "zod";
import { auditFile } from "../../audit/log";
import { readAudit } from "../../audit/read";
import { rangeInstants } from "../../params/dates";
import type { QueryContext } from "../types";
import type { auditParams } from "./params";

type AuditParams = z.output<typeof auditParams>;

export type AuditRow = {
  time: Date;
  login: string | null;
  role: string | null;
  event: string;
  what: string | null;
  via: string | null;
  outcome: string;
  row_count: number | null;
  duration_ms: number | null;
  params: string | null;
  client: string | null;
  asked_by: string | null;
};

/** The log file's records in the range that match the filters, newest first, as rows. */
export async function auditQuery({ timeZone, limit }: QueryContext, p: AuditParams): Promise<AuditRow[]> {
  const file = auditFile();
  if (!file) return [];
  const { start, end } = rangeInstants(p.from, p.to, timeZone);
  const records = await readAudit(file, {
    from: start,
    to: end,
    login: p.user,
    report: p.report,
    outcome: p.outcome,
    limit,
  });
  return records.map(
    (r): AuditRow => ({
      time: new Date(r.time),
      login: r.login ?? null,
      role: r.role ?? null,
      event: r.event,
      what: r.report ?? (r.page ? `${r.page}: ${r.subject ?? ""}` : null),
      via: r.via ?? null,
      outcome: r.outcome,
      row_count: r.rowCount ?? null,
      duration_ms: r.durationMs ?? null,
      params: r.params ? flatten(r.params).join("&") : null,
      client: r.client ?? null,
      asked_by: r.askedBy ?? null,
    }),
  );
}

/**
 * Parameters as people read them (`from=2026-11-03&at=2026-11-03T03:00:00Z&queue=1&queue=2`): decoded,
 * not percent-encoded, since this is text to read, not a link to follow.
 */
function flatten(params: Record<string, unknown>): string[] {
  return Object.entries(params).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null).map((x) => `${k}=${String(x)}`),
  );
}
