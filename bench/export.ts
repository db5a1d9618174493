import { withClient } from "../lib/db/setup";
import { ROLE_COOKIE, reportPath } from "./app/http";
import { sampleRss } from "./app/rss";
import { toMb } from "./stats";

/**
 * A big CSV export through the API: the ticket list (it streams from a
 * cursor) over the most recent days that hold at least `wanted` tickets, or
 * the whole history when it holds fewer. The client reads as fast as it can;
 * the rate is rows over request-to-last-byte, and the memory figure is the
 * server tree's peak RSS during the export above its RSS just before.
 */
export interface ExportRun {
  report: string;
  params: { from: string; to: string };
  rows: number;
  expectedRows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  growthMb: number;
  othersCpu?: number;
  error?: string;
}

export async function runExport(
  baseUrl: string,
  serverPid: number,
  helpdeskUrl: string,
  historyEnd: string,
  wanted: number,
): Promise<ExportRun> {
  const { tickets, ...range } = await rangeHolding(helpdeskUrl, historyEnd, wanted);
  const path = reportPath("ticket-list", range, { format: "csv" });
  const rss = sampleRss(serverPid);
  const baseline = rss.peak();
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  let error: string | undefined;
  try {
    const response = await fetch(baseUrl + path, { headers: { cookie: ROLE_COOKIE } });
    if (!response.ok || !response.body)
      throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.length;
      for (const byte of read.value) if (byte === 10) lines++;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  const rows = Math.max(0, lines - 1); // the header line
  return {
    report: "ticket-list",
    params: range,
    rows,
    expectedRows: tickets,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    baselineRssMb: toMb(baseline),
    peakRssMb: toMb(peak),
    growthMb: toMb(peak - baseline),
    error: error ?? (rows === tickets ? undefined : `expected ${tickets} rows, got ${rows}`),
  };
}

/** The latest whole UTC days, ending with history's last, that hold at least `wanted` tickets (or all of history). */
async function rangeHolding(helpdeskUrl: string, historyEnd: string, wanted: number) {
  return withClient(helpdeskUrl, async (c) => {
    const { rows } = await c.query<{ from: string; to: string; tickets: string }>(
      `WITH days AS (
         SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM tickets
         WHERE created_at < $1::date GROUP BY 1
       ), running AS (
         SELECT day, sum(n) OVER (ORDER BY day DESC) AS total FROM days
       ), chosen AS (
         SELECT coalesce((SELECT max(day) FROM running WHERE total >= $2), (SELECT min(day) FROM days)) AS day
       )
       SELECT chosen.day::text AS from, ($1::date - 1)::text AS to,
              (SELECT coalesce(sum(n), 0) FROM days WHERE day >= chosen.day)::text AS tickets
       FROM chosen`,
      [historyEnd, wanted],
    );
    const row = rows[0];
    if (!row?.from) throw new Error("the dataset has no tickets to export");
    return { from: row.from, to: row.to, tickets: Number(row.tickets) };
  });
}
