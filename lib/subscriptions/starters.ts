import type { Condition } from "./condition";

/**
 * Ready-made alerts a user can create from the subscriptions page: a view
 * and a condition, each on a report as it is. "Newly" is what an alert does
 * anyway: it speaks when the condition becomes true and once when it clears.
 */
export interface Starter {
  id: string;
  title: string;
  description: string;
  url: string;
  when: Condition;
}

export const STARTERS: readonly Starter[] = [
  {
    id: "certs-expiring",
    title: "Certificates expiring within 30 days, renewal not started",
    description:
      "Any issued or installed certificate expiring in the next 30 days that nobody has started renewing (no newer " +
      "certificate for its name on the way). A renewal started counts as handled: it leaves the alert.",
    url: "/reports/cert-expiring?days=30&renewal=none",
    when: { rows: ">", value: 0 },
  },
  {
    id: "bare-notes",
    title: "A tech flagged for bare notes",
    description:
      "Some tech wrote 5 or more bare internal notes (no other act on the ticket within 30 minutes) in the last " +
      "7 days: the scorecard's flag, less its share-of-credit part, which is not a column.",
    url: "/reports/tech-scorecard?preset=last-7-days",
    when: { column: "bare_notes", aggregate: "any", op: ">=", value: "5" },
  },
  {
    id: "queue-depth",
    title: "A queue deeper than 20 tickets in the last hour",
    description: "The latest hourly point of queue depth: any queue holding more than 20 tickets.",
    url: "/reports/queue-depth?span=1&step=hour",
    when: { column: "depth", aggregate: "latest", op: ">", value: "20" },
  },
  {
    id: "negative-margin",
    title: "A client's margin this month went negative",
    description: "Client profitability for this month so far: any client whose margin is below zero.",
    url: "/reports/client-profitability?preset=this-month",
    when: { column: "margin", aggregate: "any", op: "<", value: "0" },
  },
];
