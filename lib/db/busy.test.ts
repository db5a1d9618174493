import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { User } from "../auth/roles";
import { answer } from "../reports/api";
import { runReport } from "../reports/run";
import { defineReport } from "../reports/types";
import { createTestSources, type TestSources } from "../testing/databases";
import { SourceError } from "./errors";
import type { Source } from "./sources";

/**
 * A pool that is full is not a source that is down: with LOOKBACK_POOL_MAX=2
 * on a real server, reports that sleep hold the connections while others
 * wait for one, run when one comes back, or answer `busy` past the queue
 * timeout; heavy reports never take the last connection from a light one;
 * and the replica never sees more than the pool's connections of ours, even
 * while a run that failed lets go of a statement still running.
 */
const manager: User = { login: "m", role: "manager", teamIds: [] };
let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO teams VALUES (1);
      INSERT INTO queues VALUES (1, 'Email Support', 1);
      INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01T00:00:00Z');`,
  });
});
afterAll(() => sources.drop());

/** Points Lookback at the test databases with a pool of 2 and the given queue timeout; pools start afresh. */
const withQueueTimeout = (ms: number) =>
  sources.use({
    LOOKBACK_POOL_MAX: "2",
    LOOKBACK_QUEUE_TIMEOUT_MS: String(ms),
    LOOKBACK_CACHE_TTL_SECONDS: "0",
    LOOKBACK_AUDIT_FILE: path.join(os.tmpdir(), `lookback-busy-test-${process.pid}.log`),
  });

/** A test-only report that holds its connection (on each source it reads) for `seconds`. */
function sleeper(id: string, options: { heavy?: boolean; lookup?: boolean; sources?: Source[] } = {}) {
  return defineReport({
    id,
    title: id,
    description: "",
    audience: "managers",
    roles: ["manager"],
    params: z.object({ seconds: z.number() }),
    sources: options.sources ?? ["helpdesk"],
    heavy: options.heavy,
    lookup: options.lookup,
    columns: [{ key: "ok", label: "ok", type: "integer" }],
    async query(ctx, p) {
      await sql`SELECT pg_sleep(${p.seconds})`.execute(ctx.helpdesk);
      return [{ ok: 1 }];
    },
  });
}

// A lookup (a certificate, one tech) may take any connection of the pool; other reports all but a third
// (at least one): of the tests' pool of 2, one.
const light = sleeper("busy-light", { lookup: true });
const shared = sleeper("busy-shared");
const heavy = sleeper("busy-heavy", { heavy: true });

/** Runs `report` sleeping `seconds`; resolves with when it finished (ms since `t0`) or its error. */
async function timed(report: ReturnType<typeof sleeper>, seconds: number, t0: number) {
  try {
    await runReport(report, { seconds }, { user: manager });
    return { ok: true as const, at: Date.now() - t0 };
  } catch (error) {
    return { ok: false as const, at: Date.now() - t0, error };
  }
}

/** Our backends on `source` whose application_name starts with `label` (all of ours when omitted). */
async function backends(source: Source, label = "lookback", state?: "active"): Promise<number> {
  const rows = (await sources.exec(
    source,
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name LIKE $1 AND ($2::text IS NULL OR state = $2)
       AND pid <> pg_backend_pid()`,
    [`${label}%`, state ?? null],
  )) as { n: number }[];
  return rows[0]?.n ?? 0;
}

/** Polls our active backends of `label` on `source` until `done` says so or `ms` pass; the last count. */
async function poll(source: Source, label: string, done: (n: number) => boolean, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const n = await backends(source, label, "active");
    if (done(n) || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until `n` statements of `label` are running on helpdesk: the connections are really held. */
async function untilRunning(label: string, n: number): Promise<void> {
  if ((await poll("helpdesk", `lookback:${label}`, (running) => running >= n, 5_000)) < n) {
    throw new Error(`${label} never ran ${n} statements`);
  }
}

describe("a full pool", () => {
  it("makes a third run wait, and run as soon as a connection comes back", async () => {
    await withQueueTimeout(5_000);
    const t0 = Date.now();
    const holders = [timed(light, 0.8, t0), timed(light, 0.8, t0)];
    await untilRunning("busy-light", 2);
    const third = await timed(light, 0, t0);
    const held = await Promise.all(holders);
    expect(held.every((h) => h.ok)).toBe(true);
    expect(third.ok).toBe(true);
    // It got its connection when the first holder gave one back, not before.
    expect(third.at).toBeGreaterThanOrEqual(Math.min(...held.map((h) => h.at)) - 50);
    expect(await backends("helpdesk")).toBeLessThanOrEqual(2);
  });

  it("answers busy past the queue timeout, not source_down, and the API says 503 with Retry-After", async () => {
    await withQueueTimeout(300);
    const t0 = Date.now();
    const holders = [timed(light, 1.5, t0), timed(light, 1.5, t0)];
    await untilRunning("busy-light", 2);
    const third = await timed(light, 0, t0);
    expect(third.ok).toBe(false);
    const error = (third as { error: unknown }).error;
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: "busy", source: "helpdesk", status: 503 });
    expect((error as Error).message).toBe(
      "Lookback is busy: 2 reports are running on the helpdesk replica; try again in a moment.",
    );
    expect(third.at).toBeLessThan(1_200);

    const url = new URL("http://lookback.test/api/reports/ticket-volume?from=2026-01-01&to=2026-01-01");
    const res = await answer("ticket-volume", url, manager, new AbortController().signal);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "busy", source: "helpdesk" });
    expect(body.error.message).toContain("Lookback is busy");

    expect((await Promise.all(holders)).every((h) => h.ok)).toBe(true);
    // Once they are done, the same request runs.
    expect((await answer("ticket-volume", url, manager, new AbortController().signal)).status).toBe(200);
  });
});

/**
 * With a pool of 2: one run of `holder` holds its connection for a second and a second run of it waits for
 * that one, while a lookup started behind both finds the connection left for it at once.
 */
async function secondWaitsLookupGoesAhead(holder: ReturnType<typeof sleeper>) {
  await withQueueTimeout(5_000);
  const t0 = Date.now();
  const first = timed(holder, 1.0, t0);
  await untilRunning(holder.id, 1);
  const second = timed(holder, 0, t0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const quick = await timed(light, 0, t0);
  const [a, b] = await Promise.all([first, second]);
  expect([a.ok, b.ok, quick.ok]).toEqual([true, true, true]);
  expect(quick.at).toBeLessThan(a.at - 300);
  expect(b.at).toBeGreaterThanOrEqual(a.at - 50);
}

describe("lookups", () => {
  it("never queue behind other reports: a second report waits for a connection, a lookup goes ahead", () =>
    secondWaitsLookupGoesAhead(shared));
});

describe("heavy reports", () => {
  it("cannot take the last connection from a lookup: a second heavy run waits, a lookup goes ahead", () =>
    secondWaitsLookupGoesAhead(heavy));

  it("answers busy when heavy runs hold their half of the pool past the queue timeout", async () => {
    await withQueueTimeout(300);
    const t0 = Date.now();
    const first = timed(heavy, 1.0, t0);
    await untilRunning("busy-heavy", 1);
    const second = await timed(heavy, 0, t0);
    expect(second.ok).toBe(false);
    expect((second as { error: unknown }).error).toMatchObject({ kind: "busy", source: "helpdesk" });
    expect((await first).ok).toBe(true);
  });
});

describe("a full heavy lane", () => {
  it("answers busy at once, not after the queue timeout, while a light run still goes ahead", async () => {
    // Pool 2: one heavy place and one heavy waiter; a third heavy run finds the lane full.
    await withQueueTimeout(10_000);
    const t0 = Date.now();
    const first = timed(heavy, 1.0, t0);
    await untilRunning("busy-heavy", 1);
    const second = timed(heavy, 0, t0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await timed(heavy, 0, t0);
    expect(third.ok).toBe(false);
    expect((third as { error: unknown }).error).toMatchObject({ kind: "busy", source: "helpdesk" });
    expect(third.at).toBeLessThan(500);
    const quick = await timed(light, 0, t0);
    expect(quick.ok).toBe(true);
    const [a, b] = await Promise.all([first, second]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(quick.at).toBeLessThan(a.at);
  });
});

describe("connections let go while a statement runs", () => {
  // Reads both sources at once; helpdesk fails after 200 ms while billing still sleeps.
  const halfFailing = defineReport({
    id: "busy-half-failing",
    title: "half failing",
    description: "",
    audience: "managers",
    roles: ["manager"],
    params: z.object({}),
    sources: ["helpdesk", "billing"],
    columns: [{ key: "ok", label: "ok", type: "integer" }],
    async query(ctx) {
      await Promise.all([
        sql`SELECT pg_sleep(5)`.execute(ctx.billing),
        sql`SELECT pg_sleep(0.2), 1 / 0`.execute(ctx.helpdesk),
      ]);
      return [{ ok: 1 }];
    },
  });

  it("are cancelled on the server, and the replica never sees more backends of ours than the pool", async () => {
    await withQueueTimeout(10_000);
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await backends("billing"));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = Date.now();
    const runs = await Promise.allSettled(
      Array.from({ length: 6 }, () => runReport(halfFailing, {}, { user: manager })),
    );
    const took = Date.now() - started;
    sampling = false;
    await sampler;
    expect(runs.every((r) => r.status === "rejected" && (r.reason as SourceError).kind === "query_failed")).toBe(true);
    // Each billing statement was cancelled when its run failed, not left sleeping its 5 s.
    expect(took).toBeLessThan(4_000);
    // A run answers as soon as it fails; its cancel reaches the server a moment later, well before 5 s.
    expect(await poll("billing", "lookback:busy-half-failing", (n) => n === 0, 1_000)).toBe(0);
    expect(peak).toBeLessThanOrEqual(2);
  });
});
