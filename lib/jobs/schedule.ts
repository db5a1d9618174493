import type { CronItem } from "graphile-worker";
import type { TaskName } from "./tasks";

/**
 * What runs on its own, and when (5-field cron, UTC). The engine creates one
 * job per slot across every Lookback server sharing our database (it records
 * the slots it has scheduled), and a queue name makes a slow run finish
 * before the next one of its kind starts, wherever it runs. A job key keeps
 * at most one waiting job per task: a slot that comes round while the last
 * run is still going replaces the waiting one instead of piling up.
 */
export function schedule(summaryRefreshSeconds: number, helpdeskKind = "lookback"): (CronItem & { task: TaskName })[] {
  const every = (task: TaskName, minutes: number): CronItem & { task: TaskName } => ({
    task,
    identifier: task,
    match: minutes <= 1 ? "* * * * *" : `*/${minutes} * * * *`,
    options: { queueName: task, jobKey: task, jobKeyMode: "preserve_run_at", maxAttempts: 3 },
  });
  return [
    // Queue reports also catch the index up before they read it; this keeps that step short after a quiet hour.
    every("history-index", 1),
    every("summaries-refresh", Math.max(1, Math.round(summaryRefreshSeconds / 60))),
    every("subscriptions-due", 1),
    // Does nothing while the replica has the recommended search indexes; else keeps our copy within a minute.
    every("search-index", 1),
    // On Request Tracker the ingest queues itself every few seconds; this restarts it and compares one block of ids.
    ...(helpdeskKind === "rt" ? [rtSafetyNet(every("rt-ingest", 1))] : []),
  ];
}

/** Its own job key, so the cron slot neither replaces nor is replaced by the pass that queued itself. */
function rtSafetyNet(item: CronItem & { task: TaskName }): CronItem & { task: TaskName } {
  return { ...item, payload: { reconcile: true }, options: { ...item.options, jobKey: "rt-reconcile" } };
}
