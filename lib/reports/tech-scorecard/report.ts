import { defineReport } from "../types";
import { scorecardColumns } from "./columns";
import { scorecardParams } from "./params";
import { queryScorecard, SCORECARD_SETTINGS } from "./query";
import { techPageHref } from "./tech-href";
import { TeamView } from "./view/team-view";

export const techScorecard = defineReport({
  id: "tech-scorecard",
  title: "Tech scorecards",
  // Every rule in full: report-definitions.md; where it was silent (flag, team name matching), the comments here.
  description:
    "What each tech actually did, beside the old cruncher's credit (1 per public reply, ½ per internal note): one row per tech " +
    "with a comment, a field change or a time entry in the range. Techs appear under the team they ended the range in (or their " +
    "last team, if they left), by its name then; the team name filter matches any name the team ever had, whole, any case. " +
    "Bare notes: internal notes with no other act by the tech on the ticket within 30 minutes. Flagged: at least 5 bare notes, " +
    "earning a quarter of the credit or more. After hours: outside Mon–Fri 08:00–18:00 in the tech's office zone. " +
    "Leads see the techs of their teams; techs, their own row.",
  audience: "team leads",
  roles: ["manager", "lead", "tech"],
  params: scorecardParams,
  sources: ["helpdesk"],
  // Every tech (or a team) over months is seconds of work when days are summarized on the fly (no database of our own).
  heavy: (p) => p.tech === undefined,
  // One tech's scorecard reads that tech's days only: a lookup.
  lookup: (p) => p.tech !== undefined,
  settings: SCORECARD_SETTINGS,
  columns: scorecardColumns,
  drill: (row, p) => techPageHref(row.login, p),
  query: queryScorecard,
  View: TeamView,
});
