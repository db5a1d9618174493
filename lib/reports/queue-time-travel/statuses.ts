/** The statuses that keep a ticket in the queues; every other status (resolved, closed, merged, deleted) takes it out. */
export const IN_QUEUE_STATUSES = ["new", "open", "pending", "on_hold"] as const;

export type InQueueStatus = (typeof IN_QUEUE_STATUSES)[number];

export function isInQueueStatus(status: string | null | undefined): status is InQueueStatus {
  return (IN_QUEUE_STATUSES as readonly (string | null | undefined)[]).includes(status);
}
