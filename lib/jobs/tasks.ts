import "server-only";
import type { Task, TaskList } from "graphile-worker";
import { log } from "../log";

/**
 * Every task Lookback's job engine runs, by name. Each handler is one
 * idempotent pass that is safe to run on any Lookback server: the engine
 * (graphile-worker, in Lookback's own database) hands each job to exactly
 * one server, and jobs that share a queue name run one after the other.
 * Modules load on first use, so a server that never runs a task never
 * loads its code.
 */
export const TASKS = {
  /** Builds the history index when it is missing or of another version, else catches it up with the replica. */
  "history-index": async () => {
    const { refreshHistory } = await import("../history/refresh");
    await refreshHistory();
  },
  /** Computes the reports' day summaries that are missing, dirty or due for re-verification (lib/summary). */
  "summaries-refresh": async () => {
    const [{ refreshSummaries }, { DAY_SUMMARIES }] = await Promise.all([
      import("../summary/refresh"),
      import("../reports/day-summaries"),
    ]);
    const r = await refreshSummaries(DAY_SUMMARIES);
    if (r.computed + r.failed > 0) log.info({ task: "summaries-refresh", ...r }, "summaries refreshed");
  },
  /** Catches Lookback's copy of the search index up, only while the helpdesk replica lacks the recommended GIN indexes (lib/search). */
  "search-index": async () => {
    const { maintainSearchIndex } = await import("../search");
    const r = await maintainSearchIndex();
    if (r && r.comments + r.tickets > 0) log.info({ task: "search-index", ...r }, "search index caught up");
  },
  /** Records the subscriptions' slots that came due and queues one delivery job for each (lib/subscriptions/due.ts). */
  "subscriptions-due": async () => {
    const { queueDueSlots } = await import("../subscriptions/due");
    await queueDueSlots();
  },
  /** Runs and delivers one subscription's slot; a failure throws, and the engine retries with backoff. */
  "subscription-deliver": async (payload) => {
    const { id, slot } = payload as { id: string; slot: string };
    const { runSubscription } = await import("../subscriptions/run");
    await runSubscription(id, { slot: new Date(slot) });
  },
  /** Copies what is new in Request Tracker into our own database, then queues itself a few seconds on (lib/sources/rt). */
  "rt-ingest": async (payload) => (await import("../sources/rt/job")).rtIngestJob(payload),
} satisfies Record<string, Task>;

export type TaskName = keyof typeof TASKS;

export const taskList: TaskList = TASKS;
