import type { Report } from "../reports/types";
import type { User } from "./roles";

/** The one place that decides whether a user may run a report: catalog, pages, API and export all ask here. */
export function canRun(user: User, report: Pick<Report, "roles">): boolean {
  return report.roles.includes(user.role);
}
