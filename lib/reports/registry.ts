import type { Role } from "../auth/roles";
import { auditLog } from "./audit-log/report";
import { certExpiring } from "./cert-expiring/report";
import { certificatePageReports } from "./cert-lookup/certificate/report";
import { certLookup } from "./cert-lookup/report";
import { clientPageReports } from "./client-profitability/detail/report";
import { clientProfitability } from "./client-profitability/report";
import { queueChanges } from "./queue-changes/report";
import { queueDepth } from "./queue-depth/report";
import { queueTimeTravel } from "./queue-time-travel/report";
import { recurringWork } from "./recurring-work/report";
import { techScorecard } from "./tech-scorecard/report";
import { techPageReports } from "./tech-scorecard/tech-page/report";
import { ticketList } from "./ticket-list/report";
import { ticketSearch } from "./ticket-search/report";
import { ticketVolume } from "./ticket-volume/report";
import type { Report } from "./types";

/**
 * Every report Lookback has, sub-reports included (their `parent` keeps them
 * out of the catalog). Adding a report: a folder under lib/reports/ and one line here.
 */
const REPORTS: readonly Report[] = [
  techScorecard,
  ...techPageReports,
  queueTimeTravel,
  queueDepth,
  queueChanges,
  clientProfitability,
  ...clientPageReports,
  certLookup,
  ...certificatePageReports,
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

/** The catalog of a role: the reports it may run, without sub-reports (their parent's page shows them). */
export function reportsFor(role: Role): Report[] {
  return REPORTS.filter((r) => r.roles.includes(role) && r.parent === undefined);
}
