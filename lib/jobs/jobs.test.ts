import { type Runner, run } from "graphile-worker";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlFile } from "../db/setup";
import { HAND_FIXTURE } from "../history/testing/hand-fixture";
import { createTestSources, type TestSources } from "../testing/databases";
import { queryAt, until } from "../testing/wait";
import { addJob, jobsLogger, startJobs, stopJobs } from "./runner";
import { schedule } from "./schedule";

/** The job engine on a real database of our own: each job runs once across servers, and our tasks run in it. */
let sources: TestSources;
let storeUrl: string;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HAND_FIXTURE }, { store: true });
  storeUrl = sources.storeUrl as string;
  await sources.use();
});
afterAll(async () => {
  await stopJobs();
  await sources.drop();
});

const query = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => queryAt<T>(storeUrl, text, values);

describe("the schedule", () => {
  it("catches the history index up every minute and refreshes summaries at the configured interval", () => {
    const items = schedule(300);
    expect(items.map((i) => [i.task, i.match])).toEqual([
      ["history-index", "* * * * *"],
      ["summaries-refresh", "*/5 * * * *"],
      ["subscriptions-due", "* * * * *"],
      ["search-index", "* * * * *"],
    ]);
    expect(items.every((i) => i.options?.queueName === i.task && i.options?.jobKey === i.task)).toBe(true);
  });
});

describe("two servers sharing one database", () => {
  it("run each of 20 jobs exactly once, and a keyed job added twice while waiting once", async () => {
    await query("CREATE TABLE done (job int, runner text)");
    const runners: Runner[] = [];
    for (const name of ["a", "b"]) {
      runners.push(
        await run({
          connectionString: storeUrl,
          concurrency: 3,
          noHandleSignals: true,
          pollInterval: 100,
          logger: jobsLogger,
          taskList: {
            record: async (payload) => {
              await query("INSERT INTO done VALUES ($1, $2)", [(payload as { n: number }).n, name]);
            },
          },
        }),
      );
    }
    try {
      for (let n = 1; n <= 20; n++) await addJob("record", { n });
      const later = new Date(Date.now() + 1_500);
      await addJob("record", { n: 100 }, { jobKey: "once", runAt: later });
      await addJob("record", { n: 100 }, { jobKey: "once", runAt: later });
      const rows = await until(async () => {
        const r = await query<{ job: number; times: number }>(
          "SELECT job, count(*)::int AS times FROM done GROUP BY job ORDER BY job",
        );
        return r.length === 21 ? r : undefined;
      });
      expect(rows).toHaveLength(21);
      expect(rows.every((r) => r.times === 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      const [total] = await query<{ n: number }>("SELECT count(*)::int AS n FROM done");
      expect(total?.n).toBe(21);
    } finally {
      for (const r of runners) await r.stop();
    }
  });
});

describe("Lookback's tasks", () => {
  it("builds the history index when a history-index job runs", async () => {
    await startJobs({ cron: false, concurrency: 1 });
    await addJob("history-index");
    const state = await until(async () => {
      const exists = await query<{ t: string | null }>("SELECT to_regclass('history_index_state')::text AS t");
      if (!exists[0]?.t) return undefined;
      const rows = await query<{ n: number }>("SELECT count(*)::int AS n FROM history_index_state");
      return rows[0]?.n ? rows[0] : undefined;
    });
    expect(state.n).toBe(1);
    const spans = await query<{ n: number }>("SELECT count(*)::int AS n FROM history_spans");
    expect(spans[0]?.n).toBeGreaterThan(0);
  });
});

describe("the search index job", () => {
  /** Runs one search-index job and waits until the engine has finished it (a finished job is deleted). */
  async function runSearchJob() {
    await startJobs({ cron: false, concurrency: 1 });
    await addJob("search-index");
    await until(async () => {
      const [waiting] = await query<{ n: number }>(
        "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'search-index'",
      );
      return waiting?.n === 0 ? true : undefined;
    });
  }
  const copy = async () => {
    const [t] = await query<{ t: string | null }>("SELECT to_regclass('search_index_state')::text AS t");
    if (!t?.t) return null;
    const [state] = await query<{ last_ticket_id: number; subjects: number }>(
      "SELECT last_ticket_id::int, (SELECT count(*)::int FROM search_subjects) AS subjects FROM search_index_state",
    );
    return state ?? null;
  };

  it("catches our copy up when the replica lacks the recommended indexes, and keeps none when it has them", async () => {
    const [tickets] = (await sources.exec(
      "helpdesk",
      "SELECT count(*)::int AS n, max(id)::int AS last FROM tickets",
    )) as {
      n: number;
      last: number;
    }[];
    expect(tickets?.n).toBeGreaterThan(0);
    // Without the indexes: the job builds the copy, every subject up to the replica's last ticket.
    await runSearchJob();
    expect(await copy()).toEqual({ last_ticket_id: tickets?.last, subjects: tickets?.n });

    // With them: the job leaves no copy behind (none is made from scratch).
    await query("DROP TABLE search_index_state, search_comments, search_subjects");
    await sources.exec("helpdesk", await sqlFile("indexes", "helpdesk", "ticket-search.sql"));
    await runSearchJob();
    expect(await copy()).toBeNull();
  });
});
