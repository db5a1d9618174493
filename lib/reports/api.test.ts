import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../auth/roles";
import { createTestSources, type TestSources } from "../testing/databases";
import { answer } from "./api";

/**
 * The JSON/CSV API on a real server: the same validation, errors and run as
 * the page. 1,000,000 tickets are generated so that the export has to stream.
 */
const manager: User = { login: "m", role: "manager", teamIds: [] };
const tech: User = { login: "t", role: "tech", teamIds: [], techId: 1 };
const TICKETS = 1_000_000;

let sources: TestSources;
const auditFile = path.join(os.tmpdir(), `lookback-api-test-${process.pid}.log`);

/** The audit lines of CSV exports that `match`, once there is one (the log is written asynchronously). */
async function csvAudits(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = await readFile(auditFile, "utf8").catch(() => "");
    const lines = text
      .split("\n")
      .filter((l) => l.includes('"via":"csv"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter(match);
    if (lines.length > 0 || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO teams VALUES (1);
      INSERT INTO team_names VALUES (1, 'Team X', '2020-01-01T00:00:00Z');
      INSERT INTO queues VALUES (1, 'Email Support', 1), (2, 'Phone', 1);
      INSERT INTO customers VALUES (1, 'Acme, "the" Company', NULL, '2020-01-01T00:00:00Z');
      -- ticket g is created at 2026-01-01 00:00 UTC + g seconds: 1,000,000 s is about 11.6 days,
      -- so every ticket falls in 2026-01-01 .. 2026-01-12.
      INSERT INTO tickets
      SELECT g, 1, 'Subject ' || g, 'email', 2, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 second',
             'open', 1 + g % 2, NULL, timestamptz '2026-01-01T00:00:00Z', NULL, NULL
      FROM generate_series(1, ${TICKETS}) g;
      ANALYZE tickets;`,
  });
  await sources.use({ LOOKBACK_TZ: "UTC", LOOKBACK_CACHE_TTL_SECONDS: "0", LOOKBACK_AUDIT_FILE: auditFile });
}, 180_000);
afterAll(async () => {
  await sources.drop();
  await rm(auditFile, { force: true });
});

const get = (path: string, user = manager, signal = new AbortController().signal) => {
  const url = new URL(path, "http://lookback.test");
  const id = url.pathname.split("/").at(-1) as string;
  return answer(id, url, user, signal);
};

describe("GET /api/reports/{id}", () => {
  it("answers JSON with params echoed, columns, rows and run facts", async () => {
    const res = await get("/api/reports/ticket-volume?from=2026-01-01&to=2026-01-02&queue=1");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.report).toBe("ticket-volume");
    expect(body.params).toEqual({ from: "2026-01-01", to: "2026-01-02", queue: [1] });
    // Queue 1 holds the even tickets (1 + g % 2 = 1). Jan 1 holds tickets 1..86,399 (created before 24:00):
    // the even ones are 2..86,398, 43,199 of them; Jan 2 holds 86,400..172,799: 86,400..172,798, 43,200.
    expect(body.rows).toEqual([
      { day: "2026-01-01", created: 43_199, resolved: 0, email: 43_199, portal: 0, phone: 0, monitoring: 0 },
      { day: "2026-01-02", created: 43_200, resolved: 0, email: 43_200, portal: 0, phone: 0, monitoring: 0 },
    ]);
    expect(body.meta).toMatchObject({
      rowCount: 2,
      truncated: false,
      sources: { helpdesk: { mode: "live", lagSeconds: 0 } },
    });
    expect(typeof body.meta.durationMs).toBe("number");
  });

  it("answers 400 naming each bad parameter, and runs nothing", async () => {
    const res = await get("/api/reports/ticket-volume?from=2026-02-30&to=yesterday&queue=x");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_params");
    expect(body.error.issues.map((i: { param: string }) => i.param).sort()).toEqual(["from", "queue", "to"]);
    // The report's, the format's and the table's at once.
    const all = await (
      await get("/api/reports/ticket-volume?from=2026-02-30&format=xml&pageSize=5000&sort=nope.asc")
    ).json();
    expect(all.error.issues.map((i: { param: string }) => i.param)).toEqual(["from", "format", "sort", "pageSize"]);
  });

  it("refuses a parameter given twice, a range the wrong way round, and an unknown format", async () => {
    expect(
      (await (await get("/api/reports/ticket-volume?from=2026-01-01&from=2026-01-02")).json()).error.issues,
    ).toEqual([{ param: "from", message: "is given more than once; give it once" }]);
    expect((await (await get("/api/reports/ticket-volume?from=2026-01-05&to=2026-01-01")).json()).error.issues).toEqual(
      [{ param: "to", message: "must be on or after from (2026-01-05)" }],
    );
    expect((await get("/api/reports/ticket-volume?format=xml")).status).toBe(400);
  });

  it("answers 404 for an unknown report and 403 for a role that may not run it", async () => {
    expect((await get("/api/reports/no-such-report")).status).toBe(404);
    const res = await get("/api/reports/client-profitability?from=2026-01-01&to=2026-01-31", tech);
    expect(res.status).toBe(403);
  });

  it("answers 504 when the statement runs past its time limit, and the query is gone from the server", async () => {
    await sources.use({ LOOKBACK_STATEMENT_TIMEOUT_MS: "1", LOOKBACK_CACHE_TTL_SECONDS: "0" });
    try {
      const res = await get("/api/reports/ticket-list?from=2026-01-01&to=2026-01-31&format=json");
      expect(res.status).toBe(504);
      expect((await res.json()).error).toMatchObject({ code: "timeout", source: "helpdesk" });
      const active = await sources.exec(
        "helpdesk",
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:ticket-list' AND state <> 'idle'",
      );
      expect(active).toEqual([{ n: 0 }]);
    } finally {
      await sources.use({ LOOKBACK_STATEMENT_TIMEOUT_MS: "30000", LOOKBACK_CACHE_TTL_SECONDS: "0" });
    }
  });

  // Queue 1 holds the even tickets: Jan 1 43,199 of them, Jan 2..11 43,200 each, Jan 12 (from ticket 950,400)
  // 24,801; 500,000 in all. Sorted by Created ascending: Jan 12, Jan 1, then Jan 2..11 in the result's order.
  const volume = "/api/reports/ticket-volume?from=2026-01-01&to=2026-01-12&queue=1";

  it("answers one page of a sorted view with its counts and totals over every matching row", async () => {
    const body = await (await get(`${volume}&sort=created.asc&pageSize=5&page=2`)).json();
    expect(body.rows.map((r: { day: string }) => r.day)).toEqual([
      "2026-01-05",
      "2026-01-06",
      "2026-01-07",
      "2026-01-08",
      "2026-01-09",
    ]);
    expect(body.page).toEqual({ page: 2, pageSize: 5, pageCount: 3, matchingRows: 12 });
    expect(body.totals.created).toBe(500_000);
    expect(body.meta.rowCount).toBe(12);
    expect(body.chart).toHaveLength(12);
  });

  it("filters and hides columns: totals follow the filter, hidden columns leave the rows", async () => {
    const body = await (await get(`${volume}&filter=created:<43200&hide=email,portal,phone,monitoring`)).json();
    expect(body.columns.map((c: { key: string }) => c.key)).toEqual(["day", "created", "resolved"]);
    expect(body.rows).toEqual([
      { day: "2026-01-01", created: 43_199, resolved: 0 },
      { day: "2026-01-12", created: 24_801, resolved: 0 },
    ]);
    expect(body.totals).toEqual({ created: 68_000, resolved: 0 });
  });

  it("refuses table state that names no column or asks too big a page, naming the parameter", async () => {
    const body = await (await get(`${volume}&sort=nope.asc&pageSize=5000&filter=x:1`)).json();
    expect(body.error.issues.map((i: { param: string }) => i.param)).toEqual(["sort", "filter", "pageSize"]);
  });

  it("exports the view as CSV: its filter, sort and visible columns, labels as the header", async () => {
    const res = await get(
      `${volume}&filter=created:<43200&sort=created.desc&hide=email,portal,phone,monitoring&format=csv`,
    );
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(await res.text()).toBe("Day,Created,Resolved\n2026-01-01,43199,0\n2026-01-12,24801,0\n");
  });

  it("streams a filtered export of a result bigger than the cap, and refuses to sort it", async () => {
    await sources.use({ LOOKBACK_ROW_CAP: "100", LOOKBACK_CACHE_TTL_SECONDS: "0" });
    try {
      const list = "/api/reports/ticket-list?from=2026-01-01&to=2026-01-01&hide=none";
      const csv = await (await get(`${list}&filter=ticket_id:<=3&format=csv`)).text();
      // Newest first: tickets 3, 2, 1 of the 86,399 created on Jan 1.
      expect(
        csv
          .split("\n")
          .slice(1, -1)
          .map((line) => line.split(",")[0]),
      ).toEqual(["3", "2", "1"]);
      const sorted = await get(`${list}&filter=ticket_id:<=3&sort=ticket_id.asc&format=csv`);
      expect(sorted.status).toBe(400);
      expect((await sorted.json()).error.issues[0].param).toBe("sort");
    } finally {
      await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0" });
    }
  });

  it("caps the JSON rows and says so", async () => {
    await sources.use({ LOOKBACK_ROW_CAP: "100", LOOKBACK_CACHE_TTL_SECONDS: "0" });
    try {
      const body = await (await get("/api/reports/ticket-list?from=2026-01-01&to=2026-01-01")).json();
      expect(body.meta).toMatchObject({ rowCount: 100, truncated: true });
      // newest first: ticket 86,399 is the last created on Jan 1 (00:00 + 86,399 s = 23:59:59)
      expect(body.rows[0].ticket_id).toBe(86_399);
    } finally {
      await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0" });
    }
  });

  it(`streams ${TICKETS.toLocaleString("en-US")} rows of CSV with server memory growth under 100 MB`, async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const started = performance.now();
    const res = await get("/api/reports/ticket-list?from=2026-01-01&to=2026-01-31&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let head = "";
    let tail = "";
    for (;;) {
      const { done, value: bytes } = await reader.read();
      if (done) break;
      const value = decoder.decode(bytes, { stream: true });
      if (head.length < 400) head += value;
      lines += value.split("\n").length - 1;
      tail = (tail + value).slice(-400);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `CSV export: ${TICKETS} rows in ${seconds.toFixed(2)} s = ${Math.round(TICKETS / seconds)} rows/s, RSS +${((peak - before) / 2 ** 20).toFixed(1)} MB`,
    );
    expect(lines).toBe(TICKETS + 1);
    const [header, first] = head.split("\n");
    expect(header).toBe("ticket_id,created_at,customer,subject,channel,priority,queue,status,assignee");
    // newest first: ticket 1,000,000 at 2026-01-01 + 1,000,000 s = 2026-01-12T13:46:40Z, in queue 1 + 0 = 1
    expect(first).toBe(
      '1000000,2026-01-12T13:46:40.000Z,"Acme, ""the"" Company",Subject 1000000,email,2,Email Support,open,',
    );
    expect(tail.trim().split("\n").at(-1)).toBe(
      '1,2026-01-01T00:00:01.000Z,"Acme, ""the"" Company",Subject 1,email,2,Phone,open,',
    );
    expect(peak - before).toBeLessThan(100 * 2 ** 20);
    // One audit line once the download ended, with every row counted.
    expect(await csvAudits((a) => a.rowCount === TICKETS && a.outcome === "ok")).toHaveLength(1);
  });

  it("cancels the export's query on the server when the client goes away", async () => {
    const controller = new AbortController();
    const res = await get(
      "/api/reports/ticket-list?from=2026-01-01&to=2026-01-31&format=csv",
      manager,
      controller.signal,
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const open = await sources.exec(
      "helpdesk",
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lookback:ticket-list'",
    );
    expect(open).toEqual([{ n: 0 }]);
    // The abandoned download is audited once, as cancelled, with the rows sent before it.
    const cancelled = await csvAudits((a) => a.outcome === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.rowCount).toBeGreaterThan(0);
    expect(cancelled[0]?.rowCount).toBeLessThan(TICKETS);
  });
});
