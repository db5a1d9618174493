/**
 * The statuses that keep a ticket in the queues; every other status
 * (resolved, closed, merged, deleted) takes it out. Written once: every
 * report, the history index and the tests read it from here. No SQL here:
 * the queue view in the browser reads it too (the bound list is in
 * queue-spans.ts).
 */
export const IN_QUEUE_STATUSES = ["new", "open", "pending", "on_hold"] as const;

export type InQueueStatus = (typeof IN_QUEUE_STATUSES)[number];

export function isInQueueStatus(status: string | null | undefined): status is InQueueStatus {
  return (IN_QUEUE_STATUSES as readonly (string | null | undefined)[]).includes(status);
}
