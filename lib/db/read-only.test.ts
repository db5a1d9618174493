import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../testing/databases";
import { SourceError } from "./errors";
import { freshness, readOnly } from "./read-only";
import type { Helpdesk } from "./types";

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO techs VALUES (1, 'ann', 'Ann A', 1, '2020-01-01', NULL);
      INSERT INTO tech_cost_rates VALUES (1, '2020-01-01', 0.10, 'USD'), (1, '2021-01-01', 0.20, 'USD');`,
  });
  await sources.use();
});
afterAll(() => sources.drop());

describe("readOnly", () => {
  it("refuses a write through the data layer", async () => {
    const attempt = readOnly<Helpdesk, unknown>("helpdesk", { label: "test-write" }, ({ db }) =>
      db.insertInto("offices").values({ id: 2, name: "London", timezone: "Europe/London" }).execute(),
    );
    await expect(attempt).rejects.toMatchObject({ kind: "read_only", source: "helpdesk" });
    const rows = await sources.exec("helpdesk", "SELECT count(*)::int AS n FROM offices");
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("cancels a statement past its timeout on the server, and says so", async () => {
    const started = Date.now();
    const attempt = readOnly("helpdesk", { label: "test-timeout", timeoutMs: 300 }, ({ db }) =>
      sql`SELECT pg_sleep(5)`.execute(db),
    );
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: "timeout", status: 504 });
    expect((error as Error).message).toContain("300 ms");
    expect(Date.now() - started).toBeLessThan(3000);
    const running = await sources.exec(
      "helpdesk",
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:test-timeout' AND state = 'active'",
    );
    expect(running).toEqual([{ n: 0 }]);
  });

  it("runs statements started together one after the other, and none after the transaction failed", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      // Started at once: pg would queue the third behind the second and warn (pg 9 refuses).
      const together = await readOnly("helpdesk", { label: "test-together" }, ({ db }) =>
        Promise.all([
          sql<{ n: number }>`SELECT 1 AS n FROM pg_sleep(0.05)`.execute(db),
          sql<{ n: number }>`SELECT 2 AS n`.execute(db),
          sql<{ n: number }>`SELECT 3 AS n`.execute(db),
        ]),
      );
      expect(together.map((r) => r.rows)).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
      // The first fails: the second, still waiting its turn, is never sent.
      const started = Date.now();
      const attempt = readOnly("helpdesk", { label: "test-after-failure" }, ({ db }) =>
        Promise.all([sql`SELECT 1 / 0`.execute(db), sql`SELECT pg_sleep(2)`.execute(db)]),
      );
      await expect(attempt).rejects.toMatchObject({ kind: "query_failed" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const sleeping = await sources.exec(
        "helpdesk",
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:test-after-failure' AND state = 'active'",
      );
      expect(sleeping).toEqual([{ n: 0 }]);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.includes("already executing"))).toEqual([]);
  });

  it("cancels the server statement when the caller aborts", async () => {
    const controller = new AbortController();
    const attempt = readOnly("helpdesk", { label: "test-abort", signal: controller.signal }, ({ db }) =>
      sql`SELECT pg_sleep(5)`.execute(db),
    );
    setTimeout(() => controller.abort(), 200);
    await expect(attempt).rejects.toMatchObject({ kind: "cancelled" });
    const running = await sources.exec(
      "helpdesk",
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:test-abort' AND state = 'active'",
    );
    expect(running).toEqual([{ n: 0 }]);
  });

  it("shows the report in application_name while it runs", async () => {
    const seen = await readOnly("helpdesk", { label: "tech-scorecard" }, async ({ db }) => {
      const r = await sql<{ name: string }>`SELECT current_setting('application_name') AS name`.execute(db);
      return r.rows[0]?.name;
    });
    expect(seen).toBe("lookback:tech-scorecard");
  });

  it("sets a run's planner settings for its transaction only, with the timeout and name", async () => {
    const settings = { parallel_setup_cost: "10000", work_mem: "7MB" };
    const inside = await readOnly("helpdesk", { label: "test-settings", timeoutMs: 4321, settings }, async ({ db }) => {
      const r = await sql<Record<string, string>>`SELECT current_setting('parallel_setup_cost') AS cost,
        current_setting('work_mem') AS mem, current_setting('statement_timeout') AS timeout,
        current_setting('application_name') AS name,
        current_setting('transaction_isolation') AS level`.execute(db);
      return r.rows[0];
    });
    expect(inside).toEqual({
      cost: "10000",
      mem: "7MB",
      timeout: "4321ms",
      name: "lookback:test-settings",
      level: "read committed",
    });
    // SET LOCAL: the pooled connection's next transaction is back to the server's settings.
    const after = await readOnly("helpdesk", { label: "test-settings-after" }, async ({ db }) => {
      const r = await sql<{ cost: string }>`SELECT current_setting('parallel_setup_cost') AS cost`.execute(db);
      return r.rows[0]?.cost;
    });
    expect(after).toBe("1000");
  });

  it("keeps numeric sums exact and int8 counts as numbers", async () => {
    const row = await readOnly<Helpdesk, { total: string; n: number; ids: number[]; day: string }>(
      "helpdesk",
      { label: "test-types" },
      async ({ db }) => {
        // 0.1 + 0.2 in floats is 0.30000000000000004; in numeric it is 0.30.
        const r = await sql<{ total: string; n: number; ids: number[]; day: string }>`
          SELECT sum(hourly_cost) AS total, count(*) AS n, array_agg(tech_id::bigint) AS ids, min(valid_from) AS day
          FROM tech_cost_rates`.execute(db);
        return r.rows[0]!;
      },
    );
    expect(row).toEqual({ total: "0.30", n: 2, ids: [1, 1], day: "2020-01-01" });
  });

  it("reports a primary as live", async () => {
    const f = await freshness("helpdesk");
    expect(f).toMatchObject({ source: "helpdesk", mode: "live", lagSeconds: 0 });
    expect(Math.abs(Date.parse(f.dataAsOf) - Date.now())).toBeLessThan(60_000);
  });
});
