import { sql } from "kysely";

/**
 * The statuses that keep a ticket in the queues; every other status
 * (resolved, closed, merged, deleted) takes it out. Written once: every
 * report, the history index and the tests read it from here.
 */
export const IN_QUEUE_STATUSES = ["new", "open", "pending", "on_hold"] as const;

export type InQueueStatus = (typeof IN_QUEUE_STATUSES)[number];

export function isInQueueStatus(status: string | null | undefined): status is InQueueStatus {
  return (IN_QUEUE_STATUSES as readonly (string | null | undefined)[]).includes(status);
}

/** The in-queue statuses as one bound text[] parameter, for `x = ANY(${inQueueStatuses})`. */
export const inQueueStatuses = sql<string[]>`${[...IN_QUEUE_STATUSES]}::text[]`;
