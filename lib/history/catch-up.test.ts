import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOnly } from "../db/read-only";
import { storeDb } from "../db/store";
import type { Helpdesk } from "../db/types";
import { depthFromMarks, depthFromSpans, queueSpans } from "../sql/helpdesk/queue-spans";
import { createTestSources, type TestSources } from "../testing/databases";
import { buildHistory, catchUpHistory, DEPTH, storedSpans } from ".";
import type { StoreDb } from "./schema";
import { probeInstants } from "./testing/instants";
import { historySql, randomHistory } from "./testing/random-history";
import { depthAt } from "./testing/replay";

/**
 * Stored against fresh: the index built on part of a random history and
 * caught up with the rest (in several passes) holds exactly the spans the
 * fold gives over the whole history at once, and its depth marks, kept in
 * step by catch-up rather than derived again, answer the depth the fresh
 * spans' marks give and a plain replay counts, at every probe instant.
 */
const history = randomHistory(4242, 800);
let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: historySql(history) }, { store: true });
  const ids = history.events.map((e) => e.id);
  const cut = (share: number) => ids[Math.floor(ids.length * share)] as number;
  await sources.exec(
    "helpdesk",
    `CREATE TABLE later AS SELECT * FROM ticket_events WHERE id >= ${cut(0.5)}; DELETE FROM ticket_events WHERE id >= ${cut(0.5)}`,
  );
  await sources.use();
  await buildHistory(undefined, { chunkEvents: 500 });
  // Three catch-ups, each with a third of the events that arrived since.
  for (const upTo of [cut(0.65), cut(0.8), Number.MAX_SAFE_INTEGER]) {
    await sources.exec(
      "helpdesk",
      `INSERT INTO ticket_events SELECT * FROM later WHERE id < ${upTo}; DELETE FROM later WHERE id < ${upTo}`,
    );
    expect(await catchUpHistory()).toEqual({ ready: true });
  }
}, 120_000);
afterAll(() => sources.drop());

const spanText = sql<{ line: string }>`
  SELECT concat_ws('|', s.ticket_id, s.during::text, s.status, s.queue_id, s.assignee_id, s.priority,
                   s.status_since::text, s.created_at::text) AS line
  FROM ${storedSpans} s ORDER BY 1`;

/** The index's spans, and the fold's over the replica's whole history, each as sorted text lines. */
async function storedAndFresh(): Promise<{ stored: string[]; fresh: string[] }> {
  const store = storeDb<StoreDb>() as NonNullable<ReturnType<typeof storeDb<StoreDb>>>;
  const stored = (await spanText.execute(store)).rows.map((r) => r.line);
  const fresh = await readOnly<Helpdesk, string[]>("helpdesk", { label: "test" }, async ({ db }) => {
    const { rows } = await sql<{ line: string }>`
      SELECT concat_ws('|', s.ticket_id, s.during::text, s.status, s.queue_id, s.assignee_id, s.priority,
                       s.status_since::text, s.created_at::text) AS line
      FROM ${queueSpans({ from: 0, below: null }, null)} s ORDER BY 1`.execute(db);
    return rows.map((r) => r.line);
  });
  return { stored, fresh };
}

describe("the history index after catching up", () => {
  it("holds the spans the fold gives over the whole history", async () => {
    const { stored, fresh } = await storedAndFresh();
    expect(fresh.length).toBeGreaterThan(500);
    expect(stored).toEqual(fresh);
  });

  it("answers every queue's depth at 200 instants as the fresh spans' marks and the replay do", async () => {
    await expectDepthAsReplayed(history, 200);
  });
});

/** The stored depth marks and the fresh spans' marks both answer what a replay of `h` counts, at `count` instants. */
async function expectDepthAsReplayed(h: typeof history, count: number) {
  const store = storeDb<StoreDb>() as NonNullable<ReturnType<typeof storeDb<StoreDb>>>;
  const points = probeInstants(h, 3, count).sort((a, b) => a.getTime() - b.getTime());
  const queueIds = h.queues.map((q) => q.id);
  const stored = (await depthFromMarks(DEPTH, points, queueIds).execute(store)).rows;
  const fresh = await readOnly<Helpdesk, typeof stored>("helpdesk", { label: "test" }, async ({ db }) => {
    return (await depthFromSpans(queueSpans({ from: 0, below: null }, null), points, queueIds).execute(db)).rows;
  });
  const replayed = depthAt(h, points).flatMap((counts, k) =>
    [...queueIds].sort((a, b) => a - b).map((id) => ({ k, queue_id: id, depth: counts.get(id) ?? 0 })),
  );
  const shape = (rows: typeof stored) => rows.map((r) => ({ k: r.k, queue_id: r.queue_id, depth: r.depth }));
  expect(replayed.filter((r) => r.depth > 0).length).toBeGreaterThan(count);
  expect(shape(stored)).toEqual(replayed);
  expect(shape(fresh)).toEqual(replayed);
}

/**
 * Late commits: an event whose id was taken before a later event committed,
 * and which itself committed after a catch-up had moved the mark past it (a
 * long transaction on the helpdesk). Here two such events: one far below the
 * mark (more than a thousand ids), one just below it. They arrive when the
 * helpdesk is otherwise quiet, so no newer id names their tickets.
 */
describe("the history index, when events below its mark commit late", () => {
  const late = randomHistory(977, 400);
  let lateSources: TestSources;
  beforeAll(async () => {
    lateSources = await createTestSources({ helpdesk: historySql(late) }, { store: true });
    const ids = late.events.map((e) => e.id);
    const top = ids.at(-1) as number;
    const far = ids.find((id) => top - id > 1_500) as number;
    const near = ids.at(-3) as number;
    const recent = ids[Math.floor(ids.length * 0.9)] as number;
    expect(far).toBeLessThan(recent);
    await lateSources.exec(
      "helpdesk",
      `CREATE TABLE withheld AS SELECT * FROM ticket_events WHERE id IN (${far}, ${near}) OR id >= ${recent};
       DELETE FROM ticket_events WHERE id IN (SELECT id FROM withheld)`,
    );
    await lateSources.use();
    await buildHistory(undefined, { chunkEvents: 500 });
    // The newest events arrive (the mark moves past the two), then, with nothing newer, the two.
    await lateSources.exec(
      "helpdesk",
      `INSERT INTO ticket_events SELECT * FROM withheld WHERE id NOT IN (${far}, ${near});
       DELETE FROM withheld WHERE id NOT IN (${far}, ${near})`,
    );
    expect(await catchUpHistory()).toEqual({ ready: true });
    await lateSources.exec("helpdesk", "INSERT INTO ticket_events SELECT * FROM withheld");
    expect(await catchUpHistory()).toEqual({ ready: true });
  }, 120_000);
  afterAll(() => lateSources.drop());

  it("folds their tickets again, however far below the mark", async () => {
    const { stored, fresh } = await storedAndFresh();
    expect(fresh.length).toBeGreaterThan(300);
    expect(stored).toEqual(fresh);
    await expectDepthAsReplayed(late, 100);
  });
});
