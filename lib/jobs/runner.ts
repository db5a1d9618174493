import "server-only";
import {
  Logger,
  makeWorkerUtils,
  parseCronItems,
  type Runner,
  run,
  type TaskSpec,
  type WorkerUtils,
} from "graphile-worker";
import { config } from "../db/config";
import { log } from "../log";
import { processWide } from "../process-wide";
import { schedule } from "./schedule";
import { type TaskName, taskList } from "./tasks";

/**
 * Lookback's job engine: graphile-worker in Lookback's own database
 * (LOOKBACK_DATABASE_URL, schema `graphile_worker`). Every server runs a
 * small runner; the database hands each job to one of them, so several
 * servers share the scheduled work and each job runs once. Without a
 * database of our own there is nothing to schedule: the reports read the
 * replicas directly.
 */
const state = processWide("jobs", () => ({
  runner: undefined as Promise<Runner> | undefined,
  utils: undefined as Promise<WorkerUtils> | undefined,
}));

/** graphile-worker's log lines through our pino logger; its per-job chatter ("Completed task …") is debug. */
export const jobsLogger = new Logger((scope) => (level, message, meta) => {
  const method = level === "error" ? "error" : level === "warning" ? "warn" : "debug";
  log[method]({ jobs: scope, ...meta }, message);
});

export interface StartJobsOptions {
  /** Database URL (default LOOKBACK_DATABASE_URL). */
  connectionString?: string;
  /** Jobs this process runs at once (default 2: the scheduled work is a few long passes). */
  concurrency?: number;
  /** Cron items (default: schedule() from the configuration); tests pass none. */
  cron?: boolean;
  /** Tasks (default: TASKS); tests add their own. */
  tasks?: typeof taskList;
}

/** Starts this process's runner (once); resolves to null without a database of our own. */
export function startJobs(options: StartJobsOptions = {}): Promise<Runner> | null {
  const connectionString = options.connectionString ?? config().LOOKBACK_DATABASE_URL;
  if (!connectionString) return null;
  state.runner ??= run({
    connectionString,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: jobsLogger,
    taskList: options.tasks ?? taskList,
    parsedCronItems:
      options.cron === false
        ? []
        : parseCronItems(schedule(config().LOOKBACK_SUMMARY_REFRESH_SECONDS, config().HELPDESK_KIND)),
  }).catch((error: unknown) => {
    state.runner = undefined;
    throw error;
  });
  return state.runner;
}

/** Stops this process's runner, letting running jobs finish. */
export async function stopJobs(): Promise<void> {
  const runner = state.runner;
  const utils = state.utils;
  state.runner = undefined;
  state.utils = undefined;
  await (await runner?.catch(() => undefined))?.stop();
  await (await utils?.catch(() => undefined))?.release();
}

/**
 * Queues a job now (or at `spec.runAt`) for whichever server takes it first.
 * With a `jobKey`, a job of that key still waiting is replaced, not doubled.
 */
export async function addJob(task: TaskName | string, payload: object = {}, spec: TaskSpec = {}): Promise<void> {
  const connectionString = config().LOOKBACK_DATABASE_URL;
  if (!connectionString) throw new Error("LOOKBACK_DATABASE_URL is not set: there is no job engine without it");
  state.utils ??= makeWorkerUtils({ connectionString, logger: jobsLogger });
  await (await state.utils).addJob(task, payload, spec);
}
