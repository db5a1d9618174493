import type { ScorecardRow } from "./row";

/** A scorecard row for tests that set only what they check: every count 0, no first reply. */
export const scorecardRow = (over: Partial<ScorecardRow> & Pick<ScorecardRow, "login">): ScorecardRow => ({
  tech_id: 1,
  full_name: over.login,
  team: null,
  public_replies: 0,
  internal_notes: 0,
  credit: "0.0",
  bare_notes: 0,
  minutes_logged: 0,
  tickets_touched: 0,
  tickets_resolved: 0,
  reopened: 0,
  median_first_reply_minutes: null,
  after_hours_share: 0,
  ...over,
});
