import "server-only";
import { auditFile } from "../../audit/log";
import { readAudit } from "../../audit/read";
import { rangeInstants } from "../../params/dates";
import { defineReport } from "../types";
import { auditParams } from "./params";

interface AuditRow {
  [key: string]: string | number | Date | null;
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
}

/**
 * The audit log as a report, for managers: who ran what, how and with what
 * outcome, newest first. It reads the log file itself (LOOKBACK_AUDIT_FILE),
 * not a database, so it works whatever state the replicas are in.
 */
export const auditLog = defineReport({
  id: "audit-log",
  title: "Audit log",
  summary: "Who ran which report or viewed whose page, how, and with what outcome.",
  description:
    "Every report run (page, JSON API or CSV export), refused or invalid request, view of a person's page and refused sign-in, " +
    "newest first, as written to Lookback's audit log: who (login and role), what (report, or page and person), how (page, api, csv), " +
    "the parameters, the row count, the duration and the outcome. Days are whole days in the reporting time zone. " +
    "`User` matches a login in any case; `Report or person` matches a report id or the person whose page was viewed. " +
    "Read from the log file (LOOKBACK_AUDIT_FILE); empty when the log goes to stdout.",
  audience: "managers",
  roles: ["manager"],
  params: auditParams,
  sources: [],
  columns: [
    { key: "time", label: "When", type: "instant" },
    { key: "login", label: "User", type: "text" },
    { key: "role", label: "Role", type: "text" },
    { key: "event", label: "Event", type: "text" },
    { key: "what", label: "Report or page", type: "text" },
    { key: "via", label: "Via", type: "text" },
    { key: "outcome", label: "Outcome", type: "text" },
    { key: "row_count", label: "Rows", type: "integer" },
    { key: "duration_ms", label: "Duration (ms)", type: "integer" },
    { key: "params", label: "Parameters", type: "text" },
    { key: "client", label: "Client", type: "text" },
  ],
  cellClasses: (row) => (row.outcome === "ok" ? undefined : { outcome: "cell-bad" }),
  async query({ timeZone, limit }, p) {
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
      }),
    );
  },
});

/**
 * Parameters as people read them (`from=2026-11-03&at=2026-11-03T03:00:00Z&queue=1&queue=2`): decoded,
 * not percent-encoded, since this is text to read, not a link to follow.
 */
function flatten(params: Record<string, unknown>): string[] {
  return Object.entries(params).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null).map((x) => `${k}=${String(x)}`),
  );
}
