import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../auth/roles";
import { auditFileForTests } from "../testing/audit-file";
import { answerKey, askerKey, serveStoredAnswer, storeAnswer } from "./answer-cache";

/*
 * A stored JSON answer is shared by everyone of the same scope (two managers ask the same URL), and served
 * by Lookback's server before Next.js: through a real HTTP server here, which takes the user from a header
 * as the gate would. Each repeat is audited as the person who asked it.
 */
const log = auditFileForTests();
let server: Server;
let base: string;

const managers: Record<string, User> = {
  ann: { login: "ann", role: "manager", teamIds: [] },
  bob: { login: "bob", role: "manager", teamIds: [] },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const user = managers[String(req.headers["x-user"])];
    if (!serveStoredAnswer(req, res, user)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("a stored answer", () => {
  it("is served to another person of the same scope, and audited as that person", async () => {
    const url = "/api/reports/tech-scorecard?from=2026-10-01&to=2026-10-31";
    const ann = managers.ann as User;
    storeAnswer(answerKey(url, askerKey(ann, undefined)), '{"rows":[]}', {
      contentType: "application/json",
      expiresAt: Date.now() + 60_000,
      audit: { report: "tech-scorecard", params: { from: "2026-10-01", to: "2026-10-31" }, rowCount: 0 },
    });
    const response = await fetch(base + url, { headers: { "x-user": "bob" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"rows":[]}');
    expect(
      (await fetch(`${base}/api/reports/tech-scorecard?from=2026-10-02`, { headers: { "x-user": "bob" } })).status,
    ).toBe(404);
    const lines = (await log.lines()).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: "run",
      via: "api",
      login: "bob",
      role: "manager",
      report: "tech-scorecard",
      params: { from: "2026-10-01", to: "2026-10-31" },
      rowCount: 0,
      outcome: "ok",
      status: 200,
      cached: true,
    });
  });
});
