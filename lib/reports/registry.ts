import type { Role } from "../auth/roles";
import { auditLog } from "./audit-log";
import { certExpiring } from "./cert-expiring";
import { certLookup } from "./cert-lookup";
import { clientProfitability } from "./client-profitability";
import { queueChanges } from "./queue-changes";
import { queueDepth } from "./queue-depth";
import { queueTimeTravel } from "./queue-time-travel";
import { recurringWork } from "./recurring-work/report";
import { techScorecard } from "./tech-scorecard";
import { ticketList } from "./ticket-list";
import { ticketSearch } from "./ticket-search/report";
import { ticketVolume } from "./ticket-volume";
import type { Report } from "./types";

/** Every report Lookback has. Adding a report: a folder under lib/reports/ and one line here. */
const REPORTS: readonly Report[] = [
  techScorecard,
  queueTimeTravel,
  queueDepth,
  queueChanges,
  clientProfitability,
  certLookup,
  certExpiring,
  ticketVolume,
  ticketList,
  recurringWork,
  ticketSearch,
  auditLog,
] as unknown as readonly Report[];

const byId = new Map(REPORTS.map((r) => [r.id, r]));

export function getReport(id: string): Report | undefined {
  return byId.get(id);
}

export function allReports(): readonly Report[] {
  return REPORTS;
}

export function reportsFor(role: Role): Report[] {
  return REPORTS.filter((r) => r.roles.includes(role));
}
