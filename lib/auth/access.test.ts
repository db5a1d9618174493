import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer } from "../reports/api";
import { allReports, reportsFor } from "../reports/registry";
import { createTestSources, type TestSources } from "../testing/databases";
import type { Role, User } from "./roles";

/**
 * Who may see what (issue 9), enforced through the API and the CSV export on
 * a real database: every role against every report, and a lead's and a
 * tech's scorecard rows limited in SQL. The page uses the same prepare();
 * the browser tests (e2e/access) check it there.
 */
const ALL: Role[] = ["manager", "lead", "tech"];

/** The policy, written down once more on purpose: a report that changes its roles must change this table too. */
const POLICY: Record<string, Role[]> = {
  "tech-scorecard": ALL, // a lead's rows: their teams' techs; a tech's: their own
  "queue-time-travel": ALL,
  "queue-depth": ALL, // counts per queue, no money, no people
  "queue-changes": ALL,
  "cert-lookup": ALL,
  "cert-expiring": ALL, // certificate tracking: the same people as cert lookup
  "client-profitability": ["manager"], // money: revenue and cost rates
  "audit-log": ["manager"],
  "ticket-volume": ALL, // the framework's example reports: counts, no money, no people
  "ticket-list": ALL,
  "recurring-work": ALL, // money (labor cost) is a manager-only column, left out of the SQL for the others
  "ticket-search": ALL,
  // The tech page's sub-reports: the scorecard's roles, and which tech a role may see is the scorecard's rule.
  "tech-profile": ALL,
  "tech-team": ALL,
  "tech-hours": ALL,
  "tech-acts": ALL,
  "tech-first-replies": ALL,
  // The client page's sub-reports: money, like the report.
  "client-profile": ["manager"],
  "client-summary": ["manager"],
  "client-months": ["manager"],
  "client-tickets": ["manager"],
  "client-techs": ["manager"],
  // The certificate page's sub-reports: the lookup's roles (amounts on its billing lines: managers only).
  certificate: ALL,
  "certificate-history": ALL,
  "certificate-billing": ALL,
};

/** The least each report needs to run. */
const PARAMS: Record<string, string> = {
  "cert-lookup": "q=example.com",
  certificate: "id=C-1",
  "certificate-history": "id=C-1",
  "certificate-billing": "id=C-1",
  "ticket-search": "q=restart",
  "tech-scorecard": "from=2026-03-01&to=2026-03-31",
  "client-profitability": "from=2026-03-01&to=2026-03-31",
  // bob: in team 1, so the lead of team 1 and bob himself may see his page.
  ...Object.fromEntries(
    ["tech-profile", "tech-team", "tech-hours", "tech-acts", "tech-first-replies"].map((id) => [
      id,
      "login=bob&from=2026-03-01&to=2026-03-31",
    ]),
  ),
  ...Object.fromEntries(
    ["client-profile", "client-summary", "client-months", "client-tickets", "client-techs"].map((id) => [
      id,
      "client=customer-1&from=2026-03-01&to=2026-03-31",
    ]),
  ),
};

const users: Record<Role, User> = {
  manager: { login: "mhale", role: "manager", teamIds: [] },
  lead: { login: "jlee", role: "lead", teamIds: [1] },
  tech: { login: "bob", role: "tech", teamIds: [], techId: 2 },
};

let sources: TestSources;
let dir: string;

beforeAll(async () => {
  // Team 1: ann (1) and bob (2); team 2: cid (3). Each wrote one public reply on 2 March 2026.
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO teams VALUES (1), (2);
      INSERT INTO team_names VALUES (1, 'Team X', '2020-01-01T00:00:00Z'), (2, 'Hosting', '2020-01-01T00:00:00Z');
      INSERT INTO techs VALUES (1, 'ann', 'Ann A', 1, '2020-01-01', NULL), (2, 'bob', 'Bob B', 1, '2020-01-01', NULL),
                               (3, 'cid', 'Cid C', 1, '2020-01-01', NULL);
      INSERT INTO team_members VALUES (1, 1, '2020-01-01T00:00:00Z', NULL), (2, 1, '2020-01-01T00:00:00Z', NULL),
                                      (3, 2, '2020-01-01T00:00:00Z', NULL);
      INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01T00:00:00Z');
      INSERT INTO queues VALUES (1, 'Email Support', 1);
      INSERT INTO tickets SELECT g, 1, 'Subject ' || g, 'email', 2, '2026-03-02T10:00:00Z', 'open', 1, g, '2026-03-02T10:00:00Z', NULL, NULL
        FROM generate_series(1, 3) g;
      INSERT INTO certificates (id, customer_id, product_no, ticket_id, common_name, sans, status, vendor, key_type, requested_at, updated_at)
        VALUES (1, 1, 'P-1', 1, 'acme.example', '{acme.example}', 'requested', 'DigiCert', 'RSA-2048', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z');
      INSERT INTO ticket_comments SELECT g, g, g, '2026-03-02T11:00:00Z', 'public', 'Hello', 1.0 FROM generate_series(1, 3) g;`,
  });
  dir = await mkdtemp(path.join(os.tmpdir(), "lookback-access-"));
  await sources.use({ LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log"), LOOKBACK_CACHE_TTL_SECONDS: "0" });
});
afterAll(async () => {
  await sources.drop();
  await rm(dir, { recursive: true, force: true });
});

const get = (pathAndQuery: string, user: User) => {
  const url = new URL(pathAndQuery, "http://lookback.test");
  return answer(url.pathname.split("/").at(-1) as string, url, user, new AbortController().signal);
};

describe("who may run which report", () => {
  it("has a policy for every report in the registry", () => {
    const missing = allReports()
      .map((r) => r.id)
      .filter((id) => !(id in POLICY));
    expect(missing, "add these reports to POLICY in lib/auth/access.test.ts").toEqual([]);
  });

  for (const report of allReports()) {
    for (const role of ALL) {
      const allowed = POLICY[report.id]?.includes(role) ?? false;
      it(`${report.id} as ${role}: ${allowed ? "runs" : "403"} as JSON and as CSV`, async () => {
        const query = PARAMS[report.id] ?? "";
        const json = await get(`/api/reports/${report.id}?${query}`, users[role]);
        const csv = await get(`/api/reports/${report.id}?${query}&format=csv`, users[role]);
        if (allowed) {
          expect(json.status, await json.clone().text()).toBe(200);
          expect(csv.status).toBe(200);
          await csv.text();
        } else {
          expect(json.status).toBe(403);
          expect((await json.json()).error).toMatchObject({ code: "forbidden" });
          expect(csv.status).toBe(403);
        }
      });
    }
  }
});

describe("rows a role may see", () => {
  const logins = async (user: User) => {
    const res = await get("/api/reports/tech-scorecard?from=2026-03-01&to=2026-03-31", user);
    expect(res.status).toBe(200);
    return ((await res.json()).rows as { login: string }[]).map((r) => r.login).sort();
  };

  it("shows a manager every tech, a lead only the techs of the teams they lead, a tech only themselves", async () => {
    expect(await logins(users.manager)).toEqual(["ann", "bob", "cid"]);
    expect(await logins(users.lead)).toEqual(["ann", "bob"]);
    expect(await logins({ ...users.lead, teamIds: [2] })).toEqual(["cid"]);
    expect(await logins({ ...users.lead, teamIds: [1, 2] })).toEqual(["ann", "bob", "cid"]);
    expect(await logins(users.tech)).toEqual(["bob"]);
  });

  it("shows nobody's numbers to a lead of no team or a tech not linked to a helpdesk tech", async () => {
    expect(await logins({ ...users.lead, teamIds: [] })).toEqual([]);
    expect(await logins({ ...users.tech, techId: undefined })).toEqual([]);
  });

  it("limits the CSV export the same way", async () => {
    const res = await get("/api/reports/tech-scorecard?from=2026-03-01&to=2026-03-31&format=csv", users.lead);
    const lines = (await res.text()).trim().split("\n");
    // header + ann + bob
    expect(lines).toHaveLength(3);
    const login = (lines[0] as string).split(",").indexOf("login");
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[login])
        .sort(),
    ).toEqual(["ann", "bob"]);
  });
});

describe("the audit trail of those runs", () => {
  it("has a line for every API and CSV request above, with who, what, how, outcome, rows and duration", async () => {
    const lines = (await readFile(path.join(dir, "audit.log"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const runs = lines.filter((l) => l.event === "run");
    // The matrix made 2 requests (JSON, CSV) per report and role; the scorecard tests 7 JSON + 1 CSV more.
    expect(runs).toHaveLength(allReports().length * ALL.length * 2 + 8);
    const bobsCsv = runs.find((l) => l.login === "bob" && l.report === "tech-scorecard" && l.via === "csv");
    expect(bobsCsv).toMatchObject({
      role: "tech",
      outcome: "ok",
      rowCount: 1,
      params: { from: "2026-03-01", to: "2026-03-31" },
    });
    expect(typeof bobsCsv.durationMs).toBe("number");
    const refused = runs.find((l) => l.login === "bob" && l.report === "client-profitability" && l.via === "api");
    expect(refused).toMatchObject({ role: "tech", outcome: "forbidden", status: 403 });
    const leadsJson = runs.filter((l) => l.login === "jlee" && l.report === "tech-scorecard" && l.via === "api");
    // The matrix's run (teams [1]: ann, bob), then teams [1], [2] (cid), [1, 2] (all three) and none.
    expect(leadsJson.map((l) => l.rowCount)).toEqual([2, 2, 1, 3, 0]);
  });

  it("is readable by a manager through the audit-log report, and by no one else", async () => {
    const res = await get("/api/reports/audit-log?user=BOB&report=client-profitability", users.manager);
    expect(res.status).toBe(200);
    const rows = (await res.json()).rows as Record<string, unknown>[];
    // bob asked for client-profitability twice (JSON and CSV), refused both times; newest (CSV) first.
    expect(rows.map((r) => [r.login, r.what, r.via, r.outcome])).toEqual([
      ["bob", "client-profitability", "csv", "forbidden"],
      ["bob", "client-profitability", "api", "forbidden"],
    ]);
    expect((await get("/api/reports/audit-log", users.lead)).status).toBe(403);
  });
});

// After the audit trail's count: these runs are not in it.
describe("refusals only the data can make", () => {
  const ask = async (pathAndQuery: string, user: User) => {
    const res = await get(pathAndQuery, user);
    return { status: res.status, error: ((await res.json()) as { error?: Record<string, unknown> }).error };
  };
  const month = "from=2026-03-01&to=2026-03-31";

  it("names an unknown tech or team id as a parameter error, not a table of zeros", async () => {
    expect(await ask(`/api/reports/tech-scorecard?${month}&tech=99999`, users.manager)).toMatchObject({
      status: 400,
      error: { code: "invalid_params", issues: [{ param: "tech", message: "99999 is not a known tech" }] },
    });
    expect(await ask(`/api/reports/tech-scorecard?${month}&team=77`, users.lead)).toMatchObject({
      status: 400,
      error: { code: "invalid_params", issues: [{ param: "team", message: "77 is not a known team" }] },
    });
    // A known id runs, even one whose rows the role may not see (they are limited in SQL).
    expect((await ask(`/api/reports/tech-scorecard?${month}&team=2`, users.lead)).status).toBe(200);
  });

  it("answers a tech's page of an unknown login 404, and of a tech the role may not see 403", async () => {
    expect(await ask(`/api/reports/tech-profile?${month}&login=nosuchuser`, users.manager)).toMatchObject({
      status: 404,
      error: { code: "not_found" },
    });
    expect(await ask(`/api/reports/tech-profile?${month}&login=cid`, users.lead)).toMatchObject({
      status: 403,
      error: { code: "forbidden" },
    });
    expect(await ask(`/api/reports/tech-hours?${month}&login=ann`, users.tech)).toMatchObject({ status: 403 });
    expect((await ask(`/api/reports/tech-profile?${month}&login=cid`, users.manager)).status).toBe(200);
  });

  it("answers a client page's data 404 for a client nobody has, and 403 to a lead before looking", async () => {
    expect(await ask(`/api/reports/client-summary?${month}&client=NOPE-1`, users.manager)).toMatchObject({
      status: 404,
      error: { code: "not_found", message: "There is no client NOPE-1." },
    });
    expect((await ask(`/api/reports/client-summary?${month}&client=NOPE-1`, users.lead)).status).toBe(403);
  });

  it("keeps sub-reports out of every role's catalog", () => {
    for (const role of ALL) expect(reportsFor(role).filter((r) => r.parent !== undefined)).toEqual([]);
    expect(allReports().filter((r) => r.parent !== undefined).length).toBeGreaterThan(0);
  });
});
