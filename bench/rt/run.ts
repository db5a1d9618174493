/**
 * The Request Tracker ingest benchmark: a generated history (a bench
 * dataset's helpdesk, in our shape) written into an RT 6.0 database as RT
 * records it, then the first ingest (transactions per second) and passes on
 * the idle RT (milliseconds), into Lookback's own database.
 *
 *   npx tsx --import ./bench/server-only.mjs bench/rt/run.ts --server URL --canonical DBNAME [--prepare] [--prepare-only] [--idle 10] [--rt NAME] [--reports]
 *
 * --prepare (re)writes the RT database (--rt, default rt18_bench_rt) from --canonical; without it the
 * last one is reused. --prepare-only stops after writing it; --idle-only keeps the last copy and
 * measures only the idle passes (after one pass that catches up).
 * --reports then times issue #14's cases (the scorecard's, profitability's, queue depth's bench.ts)
 * on the copy, its day summaries and history index built first as the server builds them, beside the
 * same cases on the canonical dataset (its bench_s<N>_lookback): runReport() in this process, p50.
 * --reports-only times them again on the last copy (no ingest).
 * Results: bench/results/tmp/rt-ingest.json (and rt-reports.json) and the lines printed.
 */
import "../floor/register";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { User } from "../../lib/auth/roles";
import { resetConfig } from "../../lib/db/config";
import { closePools } from "../../lib/db/pool";
import { createEmptyDatabase, databaseUrl } from "../../lib/db/setup";
import { closeIngestPools, ingestPass } from "../../lib/sources/rt/ingest";
import { parseMapping } from "../../lib/sources/rt/mapping";
import { createRtDatabase } from "../../lib/sources/rt/testing/rt-database";
import { costRatesCsv, writeRtHistory } from "../../lib/sources/rt/testing/writer";
import { discoverCases } from "../cases";
import { resolveCase } from "../floor/floor";
import { dayBefore } from "../load/mix";
import { median as p50 } from "../stats";

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    canonical: { type: "string" },
    prepare: { type: "boolean" },
    idle: { type: "string", default: "10" },
    rt: { type: "string", default: "rt18_bench_rt" },
    "prepare-only": { type: "boolean" },
    "idle-only": { type: "boolean" },
    reports: { type: "boolean" },
    "reports-only": { type: "boolean" },
    runs: { type: "string", default: "11" },
    "end-date": { type: "string", default: "2026-11-01" },
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
const kept = values["idle-only"] || values["reports-only"];
const storeUrl = kept ? databaseUrl(server, storeName) : await createEmptyDatabase(server, storeName);
if (values["reports-only"]) {
  await timeReports(false);
  process.exit(0);
}
// The equality test's mapping: the canonical offices' names and its cost rates as the CSV managers keep.
const rates = path.join(tmpdir(), `lookback-rt-bench-rates-${process.pid}.csv`);
await writeFile(rates, await costRatesCsv(databaseUrl(server, values.canonical)));
const mapping = parseMapping({
  batch: 200_000,
  offices: { names: { "America/Chicago": "Chicago", "Europe/London": "London" } },
  costRatesFile: rates,
});
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

if (values.reports) await timeReports(true);

/** Issue #14's cases on the ingested copy and on the canonical dataset, in this process. */
async function timeReports(buildCopy: boolean) {
  const canonical = values.canonical as string;
  const sibling = (suffix: string) => databaseUrl(server, canonical.replace(/_helpdesk$/, suffix));
  const sides = {
    canonical: {
      HELPDESK_KIND: "lookback",
      HELPDESK_DATABASE_URL: databaseUrl(server, canonical),
      BILLING_DATABASE_URL: sibling("_billing"),
      LOOKBACK_DATABASE_URL: sibling("_lookback"),
    },
    "RT copy": {
      HELPDESK_KIND: "rt",
      HELPDESK_DATABASE_URL: rtUrl,
      BILLING_DATABASE_URL: sibling("_billing"),
      LOOKBACK_DATABASE_URL: storeUrl,
    },
  };
  const use = async (env: Record<string, string>) => {
    await closePools();
    Object.assign(process.env, env);
    resetConfig();
  };
  await use(sides["RT copy"]);
  if (buildCopy) await buildDerived();
  const { runReport } = await import("../../lib/reports/run");
  const user: User = { login: "bench", role: "manager", teamIds: [] };
  const { cases } = await discoverCases(dayBefore(values["end-date"] as string, 1), [
    "client-profitability",
    "tech-scorecard",
    "queue-depth",
  ]);
  const results: { report: string; case: string; side: string; p50: number; rows: number }[] = [];
  // Case by case, the side that goes first alternating: timing one side after the other in one process
  // favoured whichever went first by 5–15 % (measured both ways round).
  for (const [n, c] of cases.entries()) {
    const { report, params } = await resolveCase(c, user);
    const order = Object.entries(sides);
    for (const [side, env] of n % 2 === 0 ? order : order.reverse()) {
      await use(env);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i <= Number(values.runs); i++) {
        const started = performance.now();
        const run = await runReport(report, params, { user });
        if (i > 0) times.push(performance.now() - started);
        rows = run.rows.length;
      }
      results.push({ report: c.report, case: c.name, side, p50: Math.round(p50(times)), rows });
      say(`${side}: ${c.report} · ${c.name}: p50 ${Math.round(p50(times))} ms, ${rows} rows`);
    }
  }
  await closePools();
  await writeFile("bench/results/tmp/rt-reports.json", `${JSON.stringify({ canonical, results }, null, 2)}\n`);
}

/** The copy's day summaries and history index, as the server builds them. */
async function buildDerived() {
  const { refreshSummaries } = await import("../../lib/summary/refresh");
  const { DAY_SUMMARIES } = await import("../../lib/reports/day-summaries");
  const { buildHistory } = await import("../../lib/history");
  let t = performance.now();
  const summaries = await refreshSummaries(DAY_SUMMARIES, { timeZone: "UTC", maxAgeMs: 86_400_000 });
  say(`copy: ${summaries.computed} days summarized in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  t = performance.now();
  const history = await buildHistory();
  say(`copy: history index, ${history.spans} spans in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
