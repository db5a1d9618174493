import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../testing/databases";
import { createGate } from "./gate";
import { requestContext } from "./request-context";
import { forgetTechLogins } from "./tech-logins";

/**
 * The gate on a real HTTP server and real sockets, in proxy mode, with the
 * helpdesk techs in a real database. Next.js is replaced by a handler that
 * answers with what reached it: the user and client of its request context,
 * and the sign-in headers left in the request. The trusted proxy is
 * 127.0.0.2; requests from 127.0.0.1 play the part of anyone else.
 */
const PROXY = "127.0.0.2";
const STRANGER = "127.0.0.1";

let sources: TestSources;
let dir: string;
let server: http.Server;
let port: number;
let abortedAfterMs: number | undefined;

beforeAll(async () => {
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO techs VALUES (7, 'rvance', 'Riley Vance', 1, '2020-01-01', NULL), (8, 'dwhit', 'Dana Whitfield', 1, '2020-01-01', NULL),
        (10, 'kpatel', 'Kiran Patel', 1, '2020-01-01', NULL), (11, 'KPatel', 'Kim Patel', 1, '2020-01-01', NULL);`,
  });
  dir = await mkdtemp(path.join(os.tmpdir(), "lookback-gate-"));
  await writeFile(
    path.join(dir, "users.json"),
    JSON.stringify({
      users: { mhale: { role: "manager" }, dwhit: { role: "lead", teams: [2] } },
      groups: { "team-x-leads": { role: "lead", teams: [1] } },
    }),
  );
  await sources.use({
    LOOKBACK_AUTH: "proxy",
    LOOKBACK_TRUSTED_PROXIES: PROXY,
    LOOKBACK_USERS_FILE: path.join(dir, "users.json"),
    LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log"),
  });
  forgetTechLogins();
  server = http.createServer(
    createGate(async (req, res) => {
      const context = requestContext();
      if (req.url === "/slow") {
        const started = Date.now();
        context?.signal.addEventListener("abort", () => {
          abortedAfterMs = Date.now() - started;
        });
        return; // never answers: the client gives up
      }
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          user: context?.user ?? null,
          client: context?.client ?? null,
          loginHeader: req.headers["x-forwarded-user"] ?? null,
          csp: req.headers["content-security-policy"] ?? null,
        }),
      );
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await sources.drop();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(from: string, headers: Record<string, string>, urlPath = "/"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, localAddress: from, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const json = (a: Answer) => JSON.parse(a.body) as Record<string, unknown>;

describe("the sign-in gate (proxy mode)", () => {
  it("believes the login header from the trusted proxy, with the role from the users file", async () => {
    const a = await get(PROXY, { "x-forwarded-user": "MHale", "x-forwarded-for": "203.0.113.9" });
    expect(a.status).toBe(200);
    expect(json(a)).toMatchObject({
      user: { login: "MHale", role: "manager", teamIds: [] },
      client: "203.0.113.9",
    });
  });

  it("ignores the login header from any other address, and refuses the request before Next.js sees it", async () => {
    const a = await get(STRANGER, { "x-forwarded-user": "mhale", "x-forwarded-for": "10.9.9.9" });
    expect(a.status).toBe(403);
    expect(a.body).toContain("only through the sign-in proxy");
    expect(a.body).toContain(STRANGER);
    expect(a.body).not.toContain("mhale");
    const api = await get(STRANGER, { "x-forwarded-user": "mhale" }, "/api/reports/ticket-volume");
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: "forbidden" } });
  });

  it("makes a helpdesk tech who is not in the file a tech with their tech id", async () => {
    const a = await get(PROXY, { "x-forwarded-user": "rvance" });
    expect(json(a)).toMatchObject({ user: { login: "rvance", role: "tech", teamIds: [], techId: 7 } });
    const otherCase = await get(PROXY, { "x-forwarded-user": "RVance" });
    expect(json(otherCase)).toMatchObject({ user: { login: "RVance", role: "tech", techId: 7 } });
    // Two techs whose logins differ only in case are two people, whoever signed in first.
    expect(json(await get(PROXY, { "x-forwarded-user": "kpatel" }))).toMatchObject({ user: { techId: 10 } });
    expect(json(await get(PROXY, { "x-forwarded-user": "KPatel" }))).toMatchObject({ user: { techId: 11 } });
  });

  it("lets the file override the techs table, and groups give leads their teams", async () => {
    expect(json(await get(PROXY, { "x-forwarded-user": "dwhit" }))).toMatchObject({
      user: { role: "lead", teamIds: [2] },
    });
    expect(
      json(await get(PROXY, { "x-forwarded-user": "newlead", "x-forwarded-groups": "staff, team-x-leads" })),
    ).toMatchObject({ user: { login: "newlead", role: "lead", teamIds: [1] } });
  });

  it("refuses a login it knows nothing about (403) and a request with no login (401)", async () => {
    const unknown = await get(PROXY, { "x-forwarded-user": "visitor" });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toContain("visitor has no role in Lookback");
    const none = await get(PROXY, {});
    expect(none.status).toBe(401);
    expect(none.body).toContain("sent no x-forwarded-user header");
  });

  it("sets a Content-Security-Policy with a fresh nonce, and overwrites any the client sent", async () => {
    const a = await get(PROXY, { "x-forwarded-user": "mhale", "content-security-policy": "script-src 'nonce-chosen'" });
    const b = await get(PROXY, { "x-forwarded-user": "mhale" });
    const nonceOf = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1];
    expect(nonceOf(a.headers["content-security-policy"])).toBeDefined();
    expect(nonceOf(json(a).csp)).toBe(nonceOf(a.headers["content-security-policy"]));
    expect(nonceOf(json(a).csp)).not.toBe("chosen");
    expect(nonceOf(b.headers["content-security-policy"])).not.toBe(nonceOf(a.headers["content-security-policy"]));
    expect(a.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(a.headers["content-security-policy"]).not.toContain("'unsafe-inline' 'strict-dynamic'");
  });

  it("aborts the request's signal when the client disconnects", async () => {
    abortedAfterMs = undefined;
    const req = http.request({
      host: "127.0.0.1",
      port,
      path: "/slow",
      localAddress: PROXY,
      headers: { "x-forwarded-user": "mhale" },
    });
    req.on("error", () => {});
    req.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(abortedAfterMs).toBeUndefined();
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(abortedAfterMs).toBeGreaterThanOrEqual(250);
  });

  it("writes an audit line for each refused sign-in, with the claimed login only when a trusted proxy sent it", async () => {
    const lines = (await readFile(path.join(dir, "audit.log"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const refused = lines.filter((l) => l.event === "sign-in");
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: "refused", status: 403, client: STRANGER }),
        expect.objectContaining({ outcome: "refused", status: 403, login: "visitor", client: PROXY }),
        expect.objectContaining({ outcome: "refused", status: 401, client: PROXY }),
      ]),
    );
    expect(refused.filter((l) => l.client === STRANGER).every((l) => l.login === undefined)).toBe(true);
  });
});
