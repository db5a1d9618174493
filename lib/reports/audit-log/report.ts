import "server-only";
import { defineReport } from "../types";
import { auditParams } from "./params";
import { auditQuery } from "./query";

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
    "the parameters, the row count, the duration and the outcome. A subscription runs as its owner; when someone pressed " +
    'its "send now", `Asked by` says who. Days are whole days in the reporting time zone. ' +
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
    { key: "asked_by", label: "Asked by", type: "text" },
  ],
  cellClasses: (row) => (row.outcome === "ok" ? undefined : { outcome: "cell-bad" }),
  query: auditQuery,
});
