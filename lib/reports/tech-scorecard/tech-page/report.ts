import { type Column, defineReport } from "../../types";
import { scorecardColumns } from "../columns";
import { SCORECARD_SETTINGS } from "../query";
import { techScorecard } from "../report";
import { techPageParams } from "./params";
import {
  type ActDetail,
  type FirstReply,
  type HeatCell,
  type TechProfileRow,
  techActs,
  techFirstReplies,
  techHours,
  techProfile,
  techTeamRows,
} from "./query";

/*
 * The tech page (/techs/{login}?from=…&to=…) as sub-reports of the
 * scorecard, one per panel, so each streams in on its own and each passes
 * the engine: the role check, the lane, the cache, View SQL, the audit line.
 * Same roles as the scorecard; which tech a role may see is the scorecard's
 * rule, in SQL (query.ts): a lead their teams' techs, a tech themselves.
 */
const common = {
  parent: techScorecard.id,
  audience: "team leads",
  roles: techScorecard.roles,
  params: techPageParams,
  sources: ["helpdesk"],
} as const;

/** Who the page is about; the page waits for it, so an unknown login is a 404 and a hidden one a 403. */
export const techProfileReport = defineReport({
  ...common,
  id: "tech-profile",
  title: "Tech",
  description: "The tech, their team at the end of the range (by its name then) and their office's time zone.",
  columns: [
    { key: "login", label: "Login", type: "text" },
    { key: "tech_id", label: "Tech id", type: "integer" },
    { key: "full_name", label: "Tech", type: "text" },
    { key: "team_id", label: "Team id", type: "integer" },
    { key: "team", label: "Team", type: "text" },
    { key: "office_id", label: "Office id", type: "integer", hidden: true },
    { key: "timezone", label: "Office time zone", type: "text" },
  ] satisfies Column<TechProfileRow>[],
  query: techProfile,
});

export const techTeamReport = defineReport({
  ...common,
  id: "tech-team",
  title: "Beside the team",
  description:
    "The scorecard rows of the tech's team over the range (the tech among them), for the tech's numbers and the team's medians. " +
    "A tech sees only their own row.",
  // A team's scorecard: the scorecard counts any team as heavy.
  heavy: true,
  settings: SCORECARD_SETTINGS,
  columns: scorecardColumns,
  query: techTeamRows,
});

export const techHoursReport = defineReport({
  ...common,
  id: "tech-hours",
  title: "When the tech works",
  description:
    "The tech's acts (comments, field changes, time entries) by ISO weekday and hour of the day in their office's zone.",
  columns: [
    { key: "isodow", label: "ISO weekday (1 = Monday)", type: "integer" },
    { key: "hour", label: "Hour (office zone)", type: "integer" },
    { key: "acts", label: "Acts", type: "integer", total: "sum" },
  ] satisfies Column<HeatCell>[],
  query: techHours,
});

export const techActsReport = defineReport({
  ...common,
  id: "tech-acts",
  title: "Tickets touched",
  description:
    "Everything the tech did in the range, ticket by ticket in the order they first touched them, act by act in time order: " +
    "bare notes (nothing else by the tech on the ticket within 30 minutes) and resolves reopened within 14 days are marked.",
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "at", label: "At", type: "instant" },
    { key: "kind", label: "Act", type: "text" },
    { key: "act_id", label: "Act id", type: "integer", hidden: true },
    { key: "credit", label: "Credit", type: "decimal" },
    { key: "bare", label: "Bare note", type: "text" },
    { key: "reopened", label: "Reopened", type: "text" },
    { key: "field", label: "Field", type: "text" },
    { key: "old_value", label: "From", type: "text" },
    { key: "new_value", label: "To", type: "text" },
    { key: "minutes", label: "Minutes", type: "duration", unit: "minutes", inHours: true, total: "sum" },
    { key: "text", label: "Text", type: "text" },
  ] satisfies Column<ActDetail>[],
  query: techActs,
});

export const techFirstRepliesReport = defineReport({
  ...common,
  id: "tech-first-replies",
  title: "First replies",
  description:
    "Tickets created in the range whose first public reply by any tech was this tech's, and how long it took.",
  columns: [
    { key: "ticket_id", label: "Ticket", type: "integer" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "ticket_created_at", label: "Created", type: "instant" },
    { key: "replied_at", label: "First reply", type: "instant" },
    { key: "minutes", label: "Took", type: "duration", unit: "minutes", total: "median" },
  ] satisfies Column<FirstReply>[],
  query: techFirstReplies,
});

/** The tech page's sub-reports, for the registry. */
export const techPageReports = [
  techProfileReport,
  techTeamReport,
  techHoursReport,
  techActsReport,
  techFirstRepliesReport,
] as const;
