/**
 * The Request Tracker ingest benchmark: a generated history (a bench
 * dataset's helpdesk, in our shape) written into an RT 6.0 database as RT
 * records it, then the first ingest (transactions per second) and passes on
 * the idle RT (milliseconds), into Lookback's own database.
 *
 *   npx tsx bench/rt/run.ts --server URL --canonical DBNAME [--prepare] [--prepare-only] [--idle 10] [--rt NAME]
 *
 * --prepare (re)writes the RT database (--rt, default rt18_bench_rt) from --canonical; without it the
 * last one is reused. --prepare-only stops after writing it; --idle-only keeps the last copy and
 * measures only the idle passes (after one pass that catches up).
 * Results: bench/results/tmp/rt-ingest.json and the lines printed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { createEmptyDatabase, databaseUrl } from "../../lib/db/setup";
import { closeIngestPools, ingestPass } from "../../lib/sources/rt/ingest";
import { parseMapping } from "../../lib/sources/rt/mapping";
import { createRtDatabase } from "../../lib/sources/rt/testing/rt-database";
import { writeRtHistory } from "../../lib/sources/rt/testing/writer";

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    canonical: { type: "string" },
    prepare: { type: "boolean" },
    idle: { type: "string", default: "10" },
    rt: { type: "string", default: "rt18_bench_rt" },
    "prepare-only": { type: "boolean" },
    "idle-only": { type: "boolean" },
  },
});
if (!values.server || !values.canonical) {
  console.error("usage: npx tsx bench/rt/run.ts --server URL --canonical DBNAME [--prepare] [--idle N]");
  process.exit(2);
}
const server = values.server;
const say = (m: string) => console.error(`[rt-bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const rtName = values.rt;
let rtUrl = databaseUrl(server, rtName);
if (values.prepare || values["prepare-only"]) {
  say(`writing ${values.canonical} into ${rtName} as RT 6.0 rows`);
  const t = performance.now();
  rtUrl = await createRtDatabase(server, rtName, "6.0");
  await writeRtHistory(databaseUrl(server, values.canonical), rtUrl, "6.0");
  say(`written in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  if (values["prepare-only"]) process.exit(0);
}
const count = async (url: string, sql: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
};
const transactions = await count(rtUrl, "SELECT count(*) AS n FROM transactions");
say(`RT has ${transactions} transactions`);
const storeName = `${rtName}_lookback`;
const storeUrl = values["idle-only"] ? databaseUrl(server, storeName) : await createEmptyDatabase(server, storeName);
const mapping = parseMapping({ batch: 200_000 });
const first = await ingestPass({
  rtUrl,
  storeUrl,
  mapping,
  onProgress: (m) => (m.includes("000000 ") || !m.includes("ids up to")) && say(m),
});
const perSecond = first.rebuilt ? Math.round(transactions / (first.ms / 1000)) : null;
say(
  `${first.rebuilt ? "first ingest" : "catch-up pass"}: ${first.ms} ms, ${perSecond ?? "-"} transactions/s, ${first.tickets} tickets`,
);
const idle: number[] = [];
for (let i = 0; i < Number(values.idle); i++) idle.push((await ingestPass({ rtUrl, storeUrl, mapping })).ms);
const reconcile = (await ingestPass({ rtUrl, storeUrl, mapping, reconcile: true })).ms;
await closeIngestPools();
const sorted = [...idle].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
say(`idle passes (ms): ${idle.join(", ")}; median ${median}; with one reconcile block: ${reconcile} ms`);
await mkdir("bench/results/tmp", { recursive: true });
await writeFile(
  "bench/results/tmp/rt-ingest.json",
  `${JSON.stringify({ canonical: values.canonical, transactions, firstMs: first.ms, perSecond, idle, median, reconcile }, null, 2)}\n`,
);
