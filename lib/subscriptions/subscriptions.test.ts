import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type Runner, run } from "graphile-worker";
import { type ParsedMail, simpleParser } from "mailparser";
import type pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { User } from "../auth/roles";
import { demoUser } from "../auth/session";
import { jobsLogger, stopJobs } from "../jobs/runner";
import { taskList } from "../jobs/tasks";
import { answer } from "../reports/api";
import { createTestSources, type TestSources } from "../testing/databases";
import { queryAt, until } from "../testing/wait";
import { subscriptionsApi, viewsApi } from "./api";
import { queueDueSlots } from "./due";
import { runSubscription } from "./run";

/**
 * Saved views, subscriptions and alerts on real parts: our own database on
 * the test server, a real SMTP server (smtp-server) and a real HTTP receiver
 * on 127.0.0.1, allowed through LOOKBACK_WEBHOOK_ALLOW as production would.
 *
 * The helpdesk holds four tickets, by hand:
 *   1  2026-01-05 09:00Z  Printer on fire   queue 1 (Email)  open     rvance
 *   2  2026-01-05 10:00Z  Cannot log in     queue 1          new      —
 *   3  2026-01-06 08:30Z  VPN down          queue 1          pending  rvance
 *   4  2026-01-06 11:00Z  Invoice question  queue 2 (Phone)  open     —
 * so /reports/ticket-list?from=2026-01-05&to=2026-01-06&queue=1 is tickets 3, 2, 1 (newest first).
 */
const FIXTURE = `
  INSERT INTO offices VALUES (1, 'London', 'Europe/London');
  INSERT INTO teams VALUES (1);
  INSERT INTO team_names VALUES (1, 'Team X', '2020-01-01T00:00:00Z');
  INSERT INTO techs VALUES (1, 'rvance', 'Riley Vance', 1, '2020-01-01', NULL);
  INSERT INTO queues VALUES (1, 'Email', 1), (2, 'Phone', 1);
  INSERT INTO customers VALUES (1, 'Acme & Sons', NULL, '2020-01-01T00:00:00Z');
  INSERT INTO tickets VALUES
    (1, 1, 'Printer on fire', 'email', 2, '2026-01-05T09:00:00Z', 'open', 1, 1, '2026-01-05T09:00:00Z', NULL, NULL),
    (2, 1, 'Cannot log in', 'portal', 3, '2026-01-05T10:00:00Z', 'new', 1, NULL, '2026-01-05T10:00:00Z', NULL, NULL),
    (3, 1, 'VPN down', 'phone', 1, '2026-01-06T08:30:00Z', 'pending', 1, 1, '2026-01-06T08:30:00Z', NULL, NULL),
    (4, 1, 'Invoice question', 'email', 4, '2026-01-06T11:00:00Z', 'open', 2, NULL, '2026-01-06T11:00:00Z', NULL, NULL);
`;
const VIEW = "/reports/ticket-list?from=2026-01-05&to=2026-01-06&queue=1";
const manager = demoUser("manager");

let sources: TestSources;
let dir: string;
let smtp: SMTPServer;
let smtpPort: number;
const mails: ParsedMail[] = [];
let receiver: http.Server;
let hookUrl: string;
const posts: { path: string; body: unknown }[] = [];
let hookStatus = 200;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lookback-subs-"));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      posts.push({ path: req.url ?? "", body: JSON.parse(text) });
      res.statusCode = hookStatus;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T0/B0/secret-token`;
  sources = await createTestSources({ helpdesk: FIXTURE }, { store: true });
  await useEnv();
});
afterAll(async () => {
  await stopJobs();
  await sources.drop();
  await new Promise((resolve) => smtp.close(() => resolve(undefined)));
  await new Promise((resolve) => receiver.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mails.length = 0;
  posts.length = 0;
  hookStatus = 200;
});

function useEnv(extra: Record<string, string> = {}) {
  return sources.use({
    LOOKBACK_TZ: "UTC",
    LOOKBACK_CACHE_TTL_SECONDS: "0",
    LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log"),
    LOOKBACK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    LOOKBACK_MAIL_FROM: "Lookback <lookback@example.com>",
    LOOKBACK_MAIL_DOMAINS: "example.com",
    LOOKBACK_PUBLIC_URL: "https://lookback.example.com",
    LOOKBACK_WEBHOOK_ALLOW: "127.0.0.1",
    ...extra,
  });
}

function request(method: string, body?: unknown, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  if (body !== undefined) h.set("content-type", "application/json");
  return { method, headers: h, json: async () => body };
}

async function subscribe(body: Record<string, unknown>, user: User = manager): Promise<string> {
  const res = await subscriptionsApi(request("POST", { name: "Queue 1", schedule: "0 8 * * *", ...body }), user);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.id as string;
}

const store = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  queryAt<T>(sources.storeUrl as string, text, values);

describe("saved views", () => {
  it("saves a view (201 with its id), keeps a relative preset, lists it as mine, and deletes it", async () => {
    const res = await viewsApi(
      request("POST", {
        name: "Email queue, last 7 days",
        url: "https://anywhere.example/reports/ticket-list?preset=last-7-days&from=2026-01-01&to=2026-01-07&queue=1",
        shared: { role: "lead" },
      }),
      manager,
    );
    expect(res.status).toBe(201);
    const saved = await res.json();
    expect(saved.id).toMatch(/^\d+$/);
    // The preset stays; the dates it stood for when saved are dropped; the origin is not ours to keep.
    expect(saved.url).toBe("/reports/ticket-list?preset=last-7-days&queue=1");
    expect(saved.shared).toEqual({ role: "lead" });

    const mine = await (await viewsApi(request("GET"), manager)).json();
    expect(mine.mine.map((v: { id: string }) => v.id)).toEqual([saved.id]);
    const lead = await (await viewsApi(request("GET"), demoUser("lead"))).json();
    expect(lead).toEqual({ mine: [], shared: [expect.objectContaining({ id: saved.id, owner: "demo-manager" })] });
    expect((await (await viewsApi(request("GET"), demoUser("tech"))).json()).shared).toEqual([]);

    // Only the owner changes it.
    expect((await viewsApi(request("DELETE"), demoUser("lead"), saved.id)).status).toBe(403);
    expect((await viewsApi(request("PATCH", { name: "Renamed" }), manager, saved.id)).status).toBe(204);
    expect((await (await viewsApi(request("GET"), manager)).json()).mine[0].name).toBe("Renamed");
    expect((await viewsApi(request("DELETE"), manager, saved.id)).status).toBe(204);
    expect((await (await viewsApi(request("GET"), manager)).json()).mine).toEqual([]);
  });

  it("lists no view of a report its owner's role may no longer run, and lets the owner delete it", async () => {
    const res = await viewsApi(request("POST", { name: "Who ran what", url: "/reports/audit-log" }), manager);
    expect(res.status).toBe(201);
    const saved = await res.json();
    // The same login, demoted to tech: audit-log is for managers.
    const demoted: User = { ...manager, role: "tech" };
    expect((await (await viewsApi(request("GET"), demoted)).json()).mine).toEqual([]);
    expect((await viewsApi(request("DELETE"), demoted, saved.id)).status).toBe(204);
  });

  it("answers 400 naming the bad field, and refuses a write from another site", async () => {
    const bad = await viewsApi(request("POST", { name: "", url: "/reports/nope", shared: { role: "boss" } }), manager);
    expect(bad.status).toBe(400);
    const params = (await bad.json()).error.issues.map((i: { param: string }) => i.param).sort();
    expect(params).toEqual(["name", "shared"]);
    const url = await viewsApi(request("POST", { name: "x", url: "/reports/nope" }), manager);
    expect((await url.json()).error.issues).toEqual([{ param: "url", message: "is not a report page: /reports/nope" }]);
    const forbidden = await viewsApi(request("POST", { name: "x", url: "/reports/audit-log" }), demoUser("tech"));
    expect((await forbidden.json()).error.issues[0].param).toBe("url");
    const crossSite = await viewsApi(
      request("POST", { name: "x", url: VIEW }, { origin: "https://evil.example", host: "lookback.example.com" }),
      manager,
    );
    expect(crossSite.status).toBe(403);
  });
});

describe("subscriptions: delivery", () => {
  it("mails a short table of the rows with the same rows attached as CSV", async () => {
    const id = await subscribe({ url: VIEW, email: ["ops@example.com"] });
    const outcome = await runSubscription(id);
    expect(outcome).toEqual({ delivered: true, rows: 3 });
    await until(async () => (mails.length === 1 ? true : undefined));
    const mail = mails[0] as ParsedMail;
    expect(mail.subject).toBe("Queue 1 (Ticket list, 3 rows)");
    // The table: a header row of labels, then tickets 3, 2, 1 (newest first), escaped.
    const html = String(mail.html);
    expect(html).toContain('<th scope="col">Ticket</th>');
    const cells = [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["3", "2", "1"]);
    expect(html).toContain("<td>Acme &#38; Sons</td>");
    expect(html).toContain(`href="https://lookback.example.com${VIEW.replaceAll("&", "&#38;")}"`);
    // The CSV: the column keys, then tickets 3, 2, 1 as the fixture above has them (2 is unassigned).
    expect(mail.attachments.map((a) => a.filename)).toEqual(["ticket-list.csv"]);
    expect(mail.attachments[0]?.content.toString("utf8")).toBe(
      [
        "ticket_id,created_at,customer,subject,channel,priority,queue,status,assignee",
        "3,2026-01-06T08:30:00.000Z,Acme & Sons,VPN down,phone,1,Email,pending,rvance",
        "2,2026-01-05T10:00:00.000Z,Acme & Sons,Cannot log in,portal,3,Email,new,",
        "1,2026-01-05T09:00:00.000Z,Acme & Sons,Printer on fire,email,2,Email,open,rvance",
        "",
      ].join("\n"),
    );
    // The run is listed, and audited as the owner via `subscription`.
    const [runRow] = await store<{ outcome: string; row_count: number }>(
      "SELECT outcome, row_count FROM subscription_runs WHERE subscription_id = $1",
      [id],
    );
    expect(runRow).toEqual({ outcome: "delivered", row_count: 3 });
    const audit = (await readFile(path.join(dir, "audit.log"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(audit.filter((a) => a.via === "subscription")).toEqual([
      expect.objectContaining({ login: "demo-manager", report: "ticket-list", outcome: "ok", rowCount: 3 }),
    ]);
  });

  it("sends the view as its page shows it: the rows its filter keeps, in its sort, without its hidden columns", async () => {
    // rvance's tickets of the view are 1 and 3; ascending by number; customer and channel hidden.
    const url = `${VIEW}&filter=assignee:rvance&sort=ticket_id.asc&hide=customer,channel`;
    const id = await subscribe({ url, email: ["ops@example.com"] });
    expect(await runSubscription(id)).toEqual({ delivered: true, rows: 2 });
    await until(async () => (mails.length === 1 ? true : undefined));
    const mail = mails[0] as ParsedMail;
    expect(mail.subject).toBe("Queue 1 (Ticket list, 2 rows)");
    const html = String(mail.html);
    expect([...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => m[1])).toEqual(["1", "3"]);
    expect(html).not.toContain('<th scope="col">Customer</th>');
    expect(mail.attachments[0]?.content.toString("utf8")).toBe(
      [
        "ticket_id,created_at,subject,priority,queue,status,assignee",
        "1,2026-01-05T09:00:00.000Z,Printer on fire,2,Email,open,rvance",
        "3,2026-01-06T08:30:00.000Z,VPN down,1,Email,pending,rvance",
        "",
      ].join("\n"),
    );
    // An alert judges the view's rows: 2, not the 3 the report's parameters alone give.
    const alert = await subscribe({ url, email: ["ops@example.com"], when: { rows: ">", value: 2 } });
    expect(await runSubscription(alert)).toMatchObject({ delivered: true, rows: 2 });
    await until(async () => (mails.length === 2 ? true : undefined));
    expect(mails[1]?.subject).toMatch(/^Cleared: /);
  });

  it("posts { text } to a webhook, and never shows the webhook's path", async () => {
    const id = await subscribe({ url: VIEW, webhook: hookUrl });
    const sub = await (await subscriptionsApi(request("GET"), manager, { id })).json();
    expect(sub.webhook).toBe(`${new URL(hookUrl).origin}/…`);
    const res = await subscriptionsApi(request("POST"), manager, { id, run: true });
    expect(await res.json()).toEqual({ delivered: true, rows: 3 });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe("/services/T0/B0/secret-token");
    const text = (posts[0]?.body as { text?: string } | undefined)?.text;
    expect(Object.keys(posts[0]?.body as object)).toEqual(["text"]);
    expect(text).toMatch(
      /^Queue 1: 3 rows from Ticket list at \d{4}-\d\d-\d\dT[\d:.]+Z\. https:\/\/lookback\.example\.com\/reports\/ticket-list\?from=2026-01-05&to=2026-01-06&queue=1$/,
    );
    // A webhook that fails is said in plain words, with nothing of its secret path.
    hookStatus = 500;
    const failed = await (await subscriptionsApi(request("POST"), manager, { id, run: true })).json();
    expect(failed).toEqual({ delivered: false, rows: 3, error: "The webhook answered HTTP 500." });
    const list = JSON.stringify(await (await subscriptionsApi(request("GET"), manager)).json());
    expect(list).not.toContain("secret-token");
  });

  it("refuses webhooks off the allow-list, internal addresses not listed, and mail outside the domains", async () => {
    const bad = async (body: Record<string, unknown>, user: User = manager) => {
      const res = await subscriptionsApi(
        request("POST", { name: "x", url: VIEW, schedule: "0 8 * * *", ...body }),
        user,
      );
      expect(res.status).toBe(400);
      return (await res.json()).error.issues as { param: string; message: string }[];
    };
    expect((await bad({ webhook: "https://hooks.example.net/x" }))[0]?.param).toBe("webhook");
    expect((await bad({ email: ["boss@elsewhere.org"] }))[0]).toEqual({
      param: "email",
      message: "has boss@elsewhere.org, outside the allowed domains (example.com); a manager may allow it",
    });
    expect((await bad({ email: ["x@elsewhere.org"], allowOtherDomains: true }, demoUser("lead")))[0]?.param).toBe(
      "allowOtherDomains",
    );
    expect((await bad({ email: ["a@example.com"], schedule: "0 8 * *" }))[0]?.param).toBe("schedule");
    expect((await bad({ email: ["a@example.com"], webhook: hookUrl }))[0]?.param).toBe("email");
    expect(
      (await bad({ email: ["a@example.com"], when: { column: "subject", aggregate: "any", op: ">", value: 1 } }))[0],
    ).toEqual({ param: "when.column", message: "must be a numeric column of ticket-list: ticket_id, priority" });
    // A host listed by its literal name may be internal; the allow-list is checked again at each delivery.
    await useEnv({ LOOKBACK_WEBHOOK_ALLOW: "localhost" });
    const id = await subscribe({ url: VIEW, webhook: hookUrl.replace("127.0.0.1", "localhost") });
    expect((await runSubscription(id)).delivered).toBe(true);
    await useEnv({ LOOKBACK_WEBHOOK_ALLOW: "*.localhost,*.0.0.1" });
    const refused = await runSubscription(id);
    expect(refused).toEqual({
      delivered: false,
      rows: 3,
      error: "The webhook must go to a host allowed by LOOKBACK_WEBHOOK_ALLOW; localhost is not.",
    });
    expect(posts).toHaveLength(1);
    await useEnv();
  });
});

describe("alerts", () => {
  it("send once when the condition becomes true and once when it clears, not at every run", async () => {
    // Queue 2 holds one ticket in the range; the alert is "more than one row".
    const id = await subscribe({
      url: "/reports/ticket-list?from=2026-01-05&to=2026-01-06&queue=2",
      webhook: hookUrl,
      when: { rows: ">", value: 1 },
    });
    const slot = (n: number) => ({ slot: new Date(Date.UTC(2026, 0, 10, 8, n)) });
    expect(await runSubscription(id, slot(0))).toEqual({ delivered: false, rows: 1 });
    await sources.exec(
      "helpdesk",
      "INSERT INTO tickets VALUES (5, 1, 'Fax', 'phone', 2, '2026-01-06T12:00:00Z', 'new', 2, NULL, now(), NULL, NULL)",
    );
    expect(await runSubscription(id, slot(1))).toEqual({ delivered: true, rows: 2 });
    expect(await runSubscription(id, slot(2))).toEqual({ delivered: false, rows: 2 });
    await sources.exec("helpdesk", "DELETE FROM tickets WHERE id = 5");
    expect(await runSubscription(id, slot(3))).toEqual({ delivered: true, rows: 1 });
    expect(await runSubscription(id, slot(4))).toEqual({ delivered: false, rows: 1 });
    const texts = posts.map((p) => (p.body as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Alert: Queue 1: 2 rows from Ticket list at .* \(2 rows > 1\)\. https:/);
    expect(texts[1]).toMatch(/^Cleared: Queue 1: 1 row from Ticket list at .* \(1 row > 1\)\. https:/);
    const runs = await store<{ outcome: string }>(
      "SELECT outcome FROM subscription_runs WHERE subscription_id = $1 ORDER BY slot",
      [id],
    );
    expect(runs.map((r) => r.outcome)).toEqual(["quiet", "delivered", "quiet", "delivered", "quiet"]);
  });
});

describe("scheduling", () => {
  it("two servers sharing one database deliver each slot once, and retry a failed one", async () => {
    const id = await subscribe({ url: VIEW, webhook: hookUrl, schedule: "* * * * *" });
    // Three minutes due: 12:01, 12:02 and 12:03 (checked up to 12:00:30, now 12:03:10).
    const now = new Date("2026-02-02T12:03:10Z");
    await store("UPDATE subscriptions SET stopped_reason = 'not this test' WHERE id <> $1", [id]);
    await store("UPDATE subscriptions SET checked_until = '2026-02-02T12:00:30Z' WHERE id = $1", [id]);
    const runners: Runner[] = [];
    for (let i = 0; i < 2; i++) {
      runners.push(
        await run({
          connectionString: sources.storeUrl,
          concurrency: 2,
          noHandleSignals: true,
          pollInterval: 100,
          logger: jobsLogger,
          taskList,
        }),
      );
    }
    try {
      // Both servers' passes at once, then again: the slots are recorded and queued once.
      hookStatus = 503;
      const queued = await Promise.all([queueDueSlots(now), queueDueSlots(now), queueDueSlots(now)]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(3);
      expect(await queueDueSlots(new Date("2026-02-02T12:03:50Z"))).toBe(0);
      // The first attempts fail (503) and are recorded; the engine retries them, and they go through.
      await until(async () => (posts.length >= 3 ? true : undefined));
      hookStatus = 200;
      const delivered = await until(async () => {
        const rows = await store<{ slot: Date }>(
          "SELECT slot FROM subscription_runs WHERE subscription_id = $1 AND outcome = 'delivered' ORDER BY slot",
          [id],
        );
        return rows.length === 3 ? rows : undefined;
      }, 45_000);
      expect(delivered.map((r) => r.slot.toISOString())).toEqual([
        "2026-02-02T12:01:00.000Z",
        "2026-02-02T12:02:00.000Z",
        "2026-02-02T12:03:00.000Z",
      ]);
      await new Promise((r) => setTimeout(r, 1_000));
      const ok = posts.length;
      const failures = await store<{ n: number }>(
        "SELECT count(*)::int AS n FROM subscription_runs WHERE subscription_id = $1 AND outcome = 'failed'",
        [id],
      );
      // Each slot was posted once per attempt: its failures, then one success.
      expect(ok).toBe(3 + (failures[0]?.n ?? 0));
      expect(failures[0]?.n).toBeGreaterThanOrEqual(3);
      expect(
        (await store("SELECT error FROM subscription_runs WHERE outcome = 'failed' AND subscription_id = $1", [id]))[0],
      ).toEqual({ error: "The webhook answered HTTP 503." });
    } finally {
      for (const r of runners) await r.stop();
      await store("DELETE FROM subscriptions");
    }
  });
});

describe("runs as its owner", () => {
  it("refuses a view whose table names no column, and audits a run whose view stopped fitting", async () => {
    const bad = `${VIEW}&sort=nosuch.asc`;
    const refused = await subscriptionsApi(
      request("POST", { name: "Bad sort", schedule: "0 8 * * *", url: bad, email: ["ops@example.com"] }),
      manager,
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("has a bad parameter: sort names no column (nosuch)");
    // One saved before the report changed its columns, say: the run says so, once, and the audit log has it.
    const id = await subscribe({ url: VIEW, email: ["ops@example.com"] });
    await store("UPDATE subscriptions SET url = $2 WHERE id = $1", [id, bad]);
    expect(await runSubscription(id)).toMatchObject({
      delivered: false,
      error: expect.stringMatching(/table is not valid/),
    });
    const audit = (await readFile(path.join(dir, "audit.log"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ via: "subscription", report: "ticket-list", outcome: "invalid" });
    expect(mails).toHaveLength(0);
  });

  it("records a view naming a customer the helpdesk does not have once per slot, and does not retry it", async () => {
    const id = await subscribe({ url: `${VIEW}&customer=99`, webhook: hookUrl });
    const slot = { slot: new Date("2026-03-02T08:00:00Z") };
    // Resolved, not thrown: the job engine would otherwise try it five times, to the same refusal.
    expect(await runSubscription(id, slot)).toEqual({
      delivered: false,
      rows: 0,
      error: "The saved view's parameters are not valid any more: Bad parameters: customer 99 is not a known customer.",
    });
    const runs = await store<{ outcome: string }>("SELECT outcome FROM subscription_runs WHERE subscription_id = $1", [
      id,
    ]);
    expect(runs).toEqual([{ outcome: "failed" }]);
    expect(posts).toHaveLength(0);
  });

  it("stops the subscription of an owner demoted since, saying why", async () => {
    const usersFile = path.join(dir, "users.json");
    await writeFile(usersFile, JSON.stringify({ users: { mhale: { role: "manager" } } }));
    await useEnv({ LOOKBACK_AUTH: "proxy", LOOKBACK_TRUSTED_PROXIES: "127.0.0.1", LOOKBACK_USERS_FILE: usersFile });
    try {
      const mhale: User = { login: "mhale", role: "manager", teamIds: [] };
      const id = await subscribe({ url: "/reports/audit-log", webhook: hookUrl }, mhale);
      // Another manager presses "send now": the run is mhale's, the audit line says who asked.
      const sent = await subscriptionsApi(request("POST"), manager, { id, run: true });
      expect((await sent.json()).delivered).toBe(true);
      await writeFile(usersFile, JSON.stringify({ users: { mhale: { role: "lead", teams: [1] } } }));
      const stopped = await (await subscriptionsApi(request("POST"), manager, { id, run: true })).json();
      const reason = "mhale is now a lead, and the Audit log report is not available to that role.";
      expect(stopped).toEqual({ delivered: false, rows: 0, error: `Stopped: ${reason}` });
      const lines = (await readFile(path.join(dir, "audit.log"), "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .filter((a) => a.via === "subscription" && a.login === "mhale");
      expect(lines.map((a) => [a.role, a.report, a.outcome, a.askedBy])).toEqual([
        ["manager", "audit-log", "ok", "demo-manager"],
        ["lead", "audit-log", "forbidden", "demo-manager"],
      ]);
      // The audit-log report shows who asked.
      const log = await (
        await answer(
          "audit-log",
          new URL("http://x/reports/audit-log?user=mhale"),
          manager,
          new AbortController().signal,
        )
      ).json();
      expect(log.rows.map((r: { asked_by: string | null }) => r.asked_by)).toEqual(["demo-manager", "demo-manager"]);
      const shown = await (await subscriptionsApi(request("GET"), mhale, { id })).json();
      expect(shown.stopped).toBe(reason);
      expect(shown.next).toBeNull();
      expect(posts).toHaveLength(1);
    } finally {
      await useEnv();
    }
  });
});
