import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditFileForTests } from "../testing/audit-file";
import { audit, auditView } from "./log";
import { readAudit } from "./read";

const log = auditFileForTests();

describe("the audit log", () => {
  it("writes one JSON line per entry, time first, nothing from the environment", async () => {
    audit({
      event: "run",
      login: "jlee",
      role: "lead",
      report: "tech-scorecard",
      via: "api",
      params: { from: "2026-10-01", to: "2026-10-31", team: 1 },
      rowCount: 12,
      durationMs: 85,
      outcome: "ok",
      client: "10.0.0.7",
    });
    auditView({ login: "jlee", role: "lead" }, "tech", "rvance", { from: "2026-10-01" });
    const lines = await log.lines();
    expect(lines).toHaveLength(2);
    const [run, view] = lines.map((l) => JSON.parse(l));
    expect(Object.keys(run).slice(0, 2)).toEqual(["log", "time"]);
    expect(run).toMatchObject({
      log: "audit",
      event: "run",
      login: "jlee",
      role: "lead",
      report: "tech-scorecard",
      via: "api",
      params: { from: "2026-10-01", to: "2026-10-31", team: 1 },
      rowCount: 12,
      durationMs: 85,
      outcome: "ok",
      client: "10.0.0.7",
    });
    expect(Math.abs(Date.parse(run.time) - Date.now())).toBeLessThan(5_000);
    expect(view).toMatchObject({ event: "view", page: "tech", subject: "rvance", outcome: "ok", via: "page" });
    expect(lines.join("\n")).not.toContain("postgres://");
  });

  it("reads back newest first across many blocks, filtered, and stops at the start of the range", async () => {
    // 3,000 lines one minute apart from 2026-01-01T00:00Z: line i at minute i, by user u<i % 3>, report r<i % 2>.
    // Each line is about 150 bytes, so 3,000 lines span several 64 KB blocks read backwards.
    const file = path.join(log.dir(), "many.log");
    const start = Date.parse("2026-01-01T00:00:00Z");
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        log: "audit",
        time: new Date(start + i * 60_000).toISOString(),
        event: "run",
        login: `u${i % 3}`,
        role: "manager",
        report: `r${i % 2}`,
        via: "api",
        outcome: i % 10 === 0 ? "timeout" : "ok",
        params: { i },
      }),
    );
    await writeFile(file, `${lines.join("\n")}\nnot json at all\n`);
    await appendFile(
      file,
      '{"log":"audit","time":"2026-01-03T02:00:00.000Z","event":"run","login":"U0","outcome":"ok"',
    );

    const all = await readAudit(file, { limit: 10_000 });
    expect(all).toHaveLength(3000); // the torn last line and the stray one are skipped
    expect(all[0]?.params).toEqual({ i: 2999 });
    expect(all.at(-1)?.params).toEqual({ i: 0 });

    // Minutes 1,000 .. 1,999 are [start + 1000 min, start + 2000 min); of those, user u1 (i % 3 = 1) and
    // report r1 (i odd) are i ≡ 1 (mod 6): 1,003, 1,009, …, 1,999 → (1999 - 1003) / 6 + 1 = 167 lines.
    const some = await readAudit(file, {
      from: new Date(start + 1000 * 60_000),
      to: new Date(start + 2000 * 60_000),
      login: "U1",
      report: "r1",
      limit: 10_000,
    });
    expect(some).toHaveLength(167);
    expect(some[0]?.params).toEqual({ i: 1999 });
    expect(some.at(-1)?.params).toEqual({ i: 1003 });

    // Timeouts are every tenth line (i = 0, 10, …, 2990); the newest five are 2990 down to 2950.
    const timeouts = await readAudit(file, { outcome: "timeout", limit: 5 });
    expect(timeouts.map((r) => (r.params as { i: number }).i)).toEqual([2990, 2980, 2970, 2960, 2950]);
  });

  it("reads an absent file as an empty log", async () => {
    expect(await readAudit(path.join(log.dir(), "nothing-yet.log"), { limit: 10 })).toEqual([]);
  });
});
