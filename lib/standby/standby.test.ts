import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { User } from "../auth/roles";
import { resetConfig } from "../db/config";
import { SourceError } from "../db/errors";
import { closePools } from "../db/pool";
import { readOnly } from "../db/read-only";
import { createSourceDatabase } from "../db/setup";
import type { Helpdesk } from "../db/types";
import { answer } from "../reports/api";
import { runReport } from "../reports/run";
import { defineReport } from "../reports/types";
import { type Cluster, startCluster, until } from "./cluster";

/**
 * Lookback against a real hot standby: a primary and a standby streaming
 * from it (cluster.ts), Lookback's helpdesk source pointed at the standby.
 * Proves: writes are impossible; lag is 0 when caught up, rises while replay
 * is paused and falls when it resumes; a replication conflict is retried
 * once, then reported; a standby that is stopped or frozen answers 503 within
 * the connect timeout, and Lookback recovers by itself when it is back;
 * with several replicas, one that lags or is gone is avoided.
 */
const CONNECT_TIMEOUT_MS = 1_500;
const manager: User = { login: "ops", role: "manager", teamIds: [] };

let cluster: Cluster;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lookback-standby-audit-"));
  cluster = await startCluster({
    // Cancel a standby query that holds back replay after 100 ms: conflicts come fast and surely.
    standbySettings: { max_standby_streaming_delay: "100ms", hot_standby_feedback: "off" },
    async setup(url) {
      await createSourceDatabase(url("postgres"), "helpdesk", "helpdesk");
      await createSourceDatabase(url("postgres"), "billing", "billing");
      await loadFixture(url("helpdesk"));
    },
  });
  await pointAt({ helpdesk: cluster.standbyUrl("helpdesk"), billing: cluster.primaryUrl("billing") });
}, 60_000);

afterAll(async () => {
  await closePools();
  await cluster?.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function loadFixture(url: string) {
  const pg = await import("pg");
  const client = new pg.default.Client(url);
  await client.connect();
  await client.query(`
    INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
    INSERT INTO teams VALUES (1);
    INSERT INTO queues VALUES (1, 'Email Support', 1);
    INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01T00:00:00Z');
    INSERT INTO tickets SELECT g, 1, 'Subject', 'email', 2, '2026-01-01T10:00:00Z', 'open', 1, NULL, '2026-01-01T10:00:00Z', NULL, NULL
      FROM generate_series(1, 3) g;
    CREATE TABLE churn (id int);`);
  await client.end();
}

/** Points Lookback's sources at new URLs, as a restart with new variables would; pools start afresh. */
async function pointAt(urls: { helpdesk: string; billing: string }, extra: Record<string, string> = {}) {
  await closePools();
  Object.assign(process.env, {
    HELPDESK_DATABASE_URL: urls.helpdesk,
    BILLING_DATABASE_URL: urls.billing,
    LOOKBACK_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    LOOKBACK_CACHE_TTL_SECONDS: "0",
    LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log"),
    LOOKBACK_LAG_AVOID_SECONDS: "60",
    LOOKBACK_REPLICA_CHECK_SECONDS: "10",
    ...extra,
  });
  resetConfig();
}

/** The parts of the API's answer these tests read (success or error). */
interface Answer {
  rows: Record<string, unknown>[];
  meta: { sources: { helpdesk: { mode: string; lagSeconds: number; replica?: { number: number; of: number } } } };
  error: { code: string; source: string; message: string };
}

/** ticket-volume for 1 January 2026 (3 tickets), through the API. */
async function volume(): Promise<{ status: number; body: Answer; ms: number }> {
  const started = Date.now();
  const url = new URL("http://lookback.test/api/reports/ticket-volume?from=2026-01-01&to=2026-01-01");
  const res = await answer("ticket-volume", url, manager, new AbortController().signal);
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

/** A commit on the primary: something new for the standby to replay. */
const commitOnPrimary = () => cluster.primary("helpdesk", "INSERT INTO churn VALUES (1)");

describe("a hot standby as the helpdesk source", () => {
  it("cannot be written to, through Lookback or at all", async () => {
    const attempt = readOnly<Helpdesk, unknown>("helpdesk", { label: "standby-write" }, ({ db }) =>
      db.insertInto("offices").values({ id: 2, name: "London", timezone: "Europe/London" }).execute(),
    );
    await expect(attempt).rejects.toMatchObject({ kind: "read_only", source: "helpdesk" });
    await expect(
      cluster.standby("helpdesk", "INSERT INTO offices VALUES (3, 'Paris', 'Europe/Paris')"),
    ).rejects.toThrow(/read-only transaction/);
    expect(await cluster.standby("helpdesk", "SELECT count(*)::int AS n FROM offices")).toEqual([{ n: 1 }]);
  });

  it("reports lag 0 when caught up, a rising lag while replay is paused, and 0 again once it resumes", async () => {
    await commitOnPrimary();
    await cluster.waitCaughtUp("helpdesk");
    const caughtUp = await volume();
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.rows[0]).toMatchObject({ day: "2026-01-01", created: 3 });
    expect(caughtUp.body.meta.sources.helpdesk).toMatchObject({ mode: "standby", lagSeconds: 0 });

    await cluster.standby("helpdesk", "SELECT pg_wal_replay_pause()");
    try {
      await commitOnPrimary(); // received, not replayed: the standby now shows data as of the last commit before
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const first = (await volume()).body.meta.sources.helpdesk.lagSeconds;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const second = (await volume()).body.meta.sources.helpdesk.lagSeconds;
      expect(first).toBeGreaterThanOrEqual(2);
      // 1.5 s later it is 1 or 2 s further behind (whole seconds, rounded).
      expect(second - first).toBeGreaterThanOrEqual(1);
      expect(second - first).toBeLessThanOrEqual(3);
    } finally {
      await cluster.standby("helpdesk", "SELECT pg_wal_replay_resume()");
    }
    await cluster.waitCaughtUp("helpdesk");
    expect((await volume()).body.meta.sources.helpdesk.lagSeconds).toBe(0);
  });
});

describe("replication conflicts", () => {
  const attempts: number[] = [];
  /** Holds a snapshot on the standby for 1.5 s, saying which backend ran it. */
  const slow = defineReport({
    id: "conflict-probe",
    title: "Conflict probe",
    description: "",
    audience: "managers",
    roles: ["manager"],
    params: z.object({}),
    sources: ["helpdesk"],
    columns: [{ key: "pid", label: "pid", type: "integer" }],
    async query({ helpdesk }) {
      const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(helpdesk)).rows[0]?.pid ?? 0;
      attempts.push(pid);
      await sql`SELECT pg_sleep(1.5), count(*) FROM tickets`.execute(helpdesk);
      return [{ pid }];
    },
  });

  /** On the primary: rows inserted and deleted, then VACUUM: its cleanup conflicts with any older standby snapshot. */
  const vacuumOnPrimary = async () => {
    await cluster.primary("helpdesk", "INSERT INTO churn SELECT generate_series(1, 100)");
    await cluster.primary("helpdesk", "DELETE FROM churn");
    await cluster.primary("helpdesk", "VACUUM churn");
  };

  const whenRunning = () =>
    until("the probe to run on the standby", async () => {
      const rows = await cluster.standby<{ n: number }>(
        "helpdesk",
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:conflict-probe' AND state = 'active'",
      );
      return (rows[0]?.n ?? 0) > 0;
    });

  it("retries a query the standby cancelled once, on a fresh connection, and then succeeds", async () => {
    attempts.length = 0;
    const run = runReport(slow, {}, { user: manager });
    await whenRunning();
    await vacuumOnPrimary();
    const result = await run;
    expect(attempts).toHaveLength(2);
    // The cancelled connection was discarded, not handed back: the retry ran on another backend.
    expect(attempts[1]).not.toBe(attempts[0]);
    expect(result.rows).toEqual([{ pid: attempts[1] }]);
    const stillThere = await cluster.standby("helpdesk", "SELECT 1 FROM pg_stat_activity WHERE pid = $1", [
      attempts[0],
    ]);
    expect(stillThere).toEqual([]);
  });

  it("reports a conflict that happens again on the retry, in plain words, as 503", async () => {
    attempts.length = 0;
    const run = runReport(slow, {}, { user: manager }).catch((e: unknown) => e);
    await whenRunning();
    await vacuumOnPrimary();
    await until("the retry to start", async () => attempts.length === 2);
    await whenRunning();
    await vacuumOnPrimary();
    const error = await run;
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: "replication_conflict", source: "helpdesk", status: 503 });
    expect((error as Error).message).toMatch(/cancelled the query to apply changes from the primary/);
    expect(attempts).toHaveLength(2);
  });
});

describe("a standby that goes away", () => {
  it("answers 503 naming the source within the connect timeout when stopped, while other sources keep working, and recovers when it is back", async () => {
    expect((await volume()).status).toBe(200); // a pooled connection exists, and is cut by the shutdown
    await cluster.stopStandby();
    try {
      const down = await volume();
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ code: "source_unavailable", source: "helpdesk" });
      expect(down.body.error.message).toContain("helpdesk database cannot be reached");
      expect(down.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
      // billing is on the primary, a different server: untouched.
      const billing = await readOnly("billing", { label: "still-up" }, async ({ db }) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM accounts`.execute(db),
      );
      expect(billing.rows).toEqual([{ n: 0 }]);
    } finally {
      await cluster.startStandby();
    }
    const back = await volume();
    expect(back.status).toBe(200);
    expect(back.body.rows[0]).toMatchObject({ created: 3 });
  });

  it("answers 503 within the connect timeout when the standby stops answering (frozen), and recovers when it thaws", async () => {
    expect((await volume()).status).toBe(200); // leaves an idle pooled connection to a server about to freeze
    cluster.freezeStandby();
    try {
      const down = await volume();
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ code: "source_unavailable", source: "helpdesk" });
      expect(down.ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
      expect(down.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
    } finally {
      cluster.thawStandby();
    }
    await until("the thawed standby to answer Lookback again", async () => (await volume()).status === 200);
  });
});

describe("several replicas for one source", () => {
  afterAll(() => pointAt({ helpdesk: cluster.standbyUrl("helpdesk"), billing: cluster.primaryUrl("billing") }));

  it("keeps answering from the other replica when one is stopped", async () => {
    await pointAt({
      helpdesk: `${cluster.standbyUrl("helpdesk")},${cluster.primaryUrl("helpdesk")}`,
      billing: cluster.primaryUrl("billing"),
    });
    await cluster.stopStandby();
    try {
      const modes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await volume();
        expect(r.status).toBe(200);
        expect(r.ms).toBeLessThan(CONNECT_TIMEOUT_MS);
        modes.push(r.body.meta.sources.helpdesk.mode);
      }
      expect(modes).toEqual(["live", "live", "live", "live"]);
    } finally {
      await cluster.startStandby();
    }
  });

  it("spreads requests over both, then avoids the one that lags far behind the other", async () => {
    await pointAt(
      {
        helpdesk: `${cluster.standbyUrl("helpdesk")},${cluster.primaryUrl("helpdesk")}`,
        billing: cluster.primaryUrl("billing"),
      },
      { LOOKBACK_LAG_AVOID_SECONDS: "1" },
    );
    await cluster.waitCaughtUp("helpdesk");
    const spread = new Set<string>();
    for (let i = 0; i < 4; i++) spread.add((await volume()).body.meta.sources.helpdesk.mode);
    expect([...spread].sort()).toEqual(["live", "standby"]);

    await cluster.standby("helpdesk", "SELECT pg_wal_replay_pause()");
    try {
      await commitOnPrimary();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // Round-robin sends the first or the second request to the standby, which learns it is ≥ 2 s behind
      // (more than 1 s worse than the primary's 0); from then on every request goes to the primary.
      const seen: Answer["meta"]["sources"]["helpdesk"][] = [];
      for (let i = 0; i < 6; i++) seen.push((await volume()).body.meta.sources.helpdesk);
      const modes = seen.map((s) => s.mode);
      expect(modes.filter((m) => m === "standby").length).toBeLessThanOrEqual(1);
      expect(modes.slice(2)).toEqual(["live", "live", "live", "live"]);
      expect(seen[0]?.replica).toMatchObject({ of: 2 });
    } finally {
      await cluster.standby("helpdesk", "SELECT pg_wal_replay_resume()");
    }
  });
});
