import type { Column } from "../types";
import type { ScorecardRow } from "./row";

/** The columns of report-definitions.md; numeric ones show the median of the rows shown in the footer. */
export const scorecardColumns: Column<ScorecardRow>[] = [
  // Login first: the table links the first column to the tech's page.
  { key: "login", label: "Login", type: "text" },
  { key: "tech_id", label: "Tech id", type: "integer", hidden: true },
  { key: "full_name", label: "Tech", type: "text" },
  {
    key: "team",
    label: "Team",
    type: "text",
    description:
      "The team the tech ended the range in (or their last team, if they left), by its name at the end of the range",
  },
  { key: "public_replies", label: "Public replies", type: "integer", total: "median" },
  { key: "internal_notes", label: "Internal notes", type: "integer", total: "median" },
  {
    key: "credit",
    label: "Credit",
    type: "decimal",
    total: "median",
    description: "The old cruncher's score: 1 per public reply, ½ per internal note",
  },
  {
    key: "bare_notes",
    label: "Bare notes",
    type: "integer",
    total: "median",
    description: "Internal notes with no other act by the tech on the ticket within 30 minutes either side",
  },
  { key: "minutes_logged", label: "Time logged", type: "duration", unit: "minutes", inHours: true, total: "median" },
  { key: "tickets_touched", label: "Tickets touched", type: "integer", total: "median" },
  { key: "tickets_resolved", label: "Resolved", type: "integer", total: "median" },
  {
    key: "reopened",
    label: "Reopened ≤14 d",
    type: "integer",
    total: "median",
    description:
      "Of those resolves, how many the ticket's next status change, within 14 days (at most exactly 14, possibly after the range), set to new, open, pending or on hold",
  },
  {
    key: "median_first_reply_minutes",
    label: "Median first reply",
    type: "duration",
    unit: "minutes",
    total: "median",
    description:
      "Median time from creation to the first public tech reply, over tickets created in the range whose first reply (ties by comment id) was this tech's",
  },
  {
    key: "after_hours_share",
    label: "After hours",
    type: "percent",
    fraction: true,
    total: "median",
    description: "Share of acts outside Mon–Fri 08:00–18:00 in the tech's office time zone",
  },
];
