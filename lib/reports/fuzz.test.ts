import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../auth/roles";
import { mustExist } from "../params/known";
import { RESERVED } from "../params/parse";
import { objectShape } from "../params/ui";
import { seededRandom } from "../seeded-random";
import { createTestSources, type TestSources } from "../testing/databases";
import { answer } from "./api";
import { allReports, getReport } from "./registry";
import type { Report } from "./types";

/**
 * Every report's parameters, fed hostile values through the API: SQL
 * metacharacters, huge strings, wrong types, invalid and extreme dates, NUL
 * and other control characters, repeated keys. Each request must answer 400
 * naming a parameter, or a valid result (or 404 for a parameter a page's
 * path carries, naming nothing); never 500, never a hang. First each
 * parameter alone with each value, then seeded random mixtures: the seed is
 * printed and named in every failure, and FUZZ_SEED=<seed> replays exactly
 * the same requests.
 */
const manager: User = { login: "fuzz", role: "manager", teamIds: [1], techId: 1 };
const SEED = seedFrom(process.env.FUZZ_SEED);
const MIXTURES = 25;
const ANSWER_WITHIN_MS = 15_000;

const HOSTILE = [
  "",
  "   ",
  "'",
  '"',
  "'; DROP TABLE tickets; --",
  "1' OR '1'='1",
  "1; SELECT pg_sleep(30)",
  "$1",
  "::int",
  "/*",
  "\\",
  "%",
  "_",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "\u0000",
  "a\u0000b",
  "\u0007",
  "\u202e\u0645",
  "😀",
  "é",
  "x".repeat(300),
  "x".repeat(3_000),
  "1,".repeat(4_000),
  "abc",
  "-1",
  "0",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "0x1F",
  " 7 ",
  "９",
  "2147483648",
  "99999999999999999999999",
  "2026-02-30",
  "2026-13-01",
  "2026-1-1",
  "20260101",
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "+275760-09-13",
  "2026-03-08T02:30",
  "2026-11-01T01:30",
  "2026-11-03T03:00:00Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59+14:00",
  "2026-11-03T25:00:00Z",
  "now",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
];

function seedFrom(given: string | undefined): number {
  if (given === undefined || given === "") return Date.now() % 1_000_000;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`FUZZ_SEED must be a whole number ≥ 0, not ${given}`);
  return seed;
}

/**
 * Values a parameter from a page's path needs to get past it (a login the
 * fixture has): each case below replaces one of them, or adds to them.
 */
const PATH_VALUES: Record<string, string> = { "tech-login": "ann", client: "A-1", certificate: "C-1" };
/** Several hundred requests per report; the audit log's grows with every request before it. */
const PER_REPORT_MS = 180_000;

const EXTRA_KEYS = ["format", "preset", "columns", "sql", "role", "__proto__", "constructor", "x".repeat(150)];

let sources: TestSources;
let dir: string;

beforeAll(async () => {
  sources = await createTestSources({
    helpdesk: `
      INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
      INSERT INTO teams VALUES (1);
      INSERT INTO team_names VALUES (1, 'Team X', '2020-01-01T00:00:00Z');
      INSERT INTO techs VALUES (1, 'ann', 'Ann A', 1, '2020-01-01', NULL);
      INSERT INTO team_members VALUES (1, 1, '2020-01-01T00:00:00Z', NULL);
      INSERT INTO customers VALUES (1, 'Acme', 'A-1', '2020-01-01T00:00:00Z');
      INSERT INTO queues VALUES (1, 'Email Support', 1);
      INSERT INTO tickets VALUES (1, 1, 'Subject', 'email', 2, '2026-03-02T10:00:00Z', 'open', 1, 1, '2026-03-02T10:00:00Z', NULL, NULL);
      INSERT INTO ticket_events VALUES (1, 1, '2026-03-02T10:00:00Z', NULL, 'status', NULL, 'new'),
                                       (2, 1, '2026-03-02T10:00:00Z', NULL, 'queue', NULL, '1');
      INSERT INTO certificates (id, customer_id, product_no, ticket_id, common_name, sans, status, vendor, key_type, requested_at, updated_at)
        VALUES (1, 1, 'P-1', 1, 'acme.example', '{acme.example}', 'requested', 'DigiCert', 'RSA-2048', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z');
      INSERT INTO ticket_comments VALUES (1, 1, 1, '2026-03-02T11:00:00Z', 'public', 'Hello', 1.0);`,
  });
  dir = await mkdtemp(path.join(os.tmpdir(), "lookback-fuzz-"));
  await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0", LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log") });
  console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
});
afterAll(async () => {
  await sources.drop();
  await rm(dir, { recursive: true, force: true });
});

/** The path parameters of a report, set to values that exist. */
function pathBase(report: Report): [string, string][] {
  return Object.entries(objectShape(report.params)).flatMap(([key, field]): [string, string][] => {
    const rule = mustExist.get(field);
    const value = rule?.path ? PATH_VALUES[rule.kind] : undefined;
    return value === undefined ? [] : [[key, value]];
  });
}

/** Asks the API and checks the answer; returns the status. */
async function ask(report: Report, given: [string, string][]): Promise<number> {
  const reportId = report.id;
  const base = pathBase(report);
  const pairs = [...base.filter(([k]) => !given.some(([g]) => g === k)), ...given];
  const search = new URLSearchParams();
  for (const [k, v] of pairs) search.append(k, v);
  const url = new URL(`http://lookback.test/api/reports/${reportId}?${search}`);
  const what = `${reportId}?${search.toString().slice(0, 300)} (seed ${SEED}: replay with FUZZ_SEED=${SEED})`;
  const timer = new AbortController();
  const response = await Promise.race([
    answer(reportId, url, manager, timer.signal),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: ${what}`)), ANSWER_WITHIN_MS).unref(),
    ),
  ]);
  const body = await response.text();
  // A value given for a path parameter that names nothing: the page it names does not exist.
  const pathGiven = given.some(([k]) => base.some(([b]) => b === k));
  const allowed = pathGiven ? [200, 400, 404] : [200, 400];
  expect(allowed, `${what} answered ${response.status}: ${body.slice(0, 300)}`).toContain(response.status);
  if (response.status === 400) {
    const issues = (JSON.parse(body) as { error: { issues: { param: string; message: string }[] } }).error.issues;
    expect(issues.length, what).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.param === "string" && issue.param.length > 0, `${what}: ${JSON.stringify(issue)}`).toBe(true);
      expect(issue.message, what).not.toMatch(/postgres|SQLSTATE|stack|at .*\.ts/i);
    }
  }
  return response.status;
}

describe("every report's parameters, hostile values", () => {
  // The audit log's report reads the whole audit file, which every request here adds a line to: first, it reads a short one.
  const reports = [...allReports()].sort((a, b) => Number(b.id === "audit-log") - Number(a.id === "audit-log"));
  for (const report of reports) {
    const keys = Object.keys(objectShape(report.params));
    it(
      `${report.id}: each parameter alone with each hostile value answers 400 or a result`,
      async () => {
        const statuses = new Map<number, number>();
        for (const key of [...keys, ...EXTRA_KEYS.filter((k) => RESERVED.has(k) || k === "columns")]) {
          for (const value of HOSTILE) {
            const status = await ask(report, [[key, value]]);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }
        // Both kinds of answer happen: the hostile values are refused, and plain ones (empty, "now", a date) run.
        expect([...statuses.keys()].filter((s) => s !== 404).sort()).toEqual([200, 400]);
      },
      PER_REPORT_MS,
    );

    it(
      `${report.id}: random mixtures of keys, repeated keys and values answer 400 or a result`,
      async () => {
        const next = seededRandom(SEED + report.id.length);
        const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
        for (let i = 0; i < MIXTURES; i++) {
          const pairs: [string, string][] = [];
          const n = 1 + Math.floor(next() * 5);
          for (let j = 0; j < n; j++) {
            const key = next() < 0.8 ? pick(keys) : pick(EXTRA_KEYS);
            const repeat = next() < 0.2 ? 2 + Math.floor(next() * 3) : 1;
            for (let r = 0; r < repeat; r++) pairs.push([key, pick(HOSTILE)]);
          }
          await ask(report, pairs);
        }
      },
      PER_REPORT_MS,
    );
  }

  it("refuses a query string with too many keys, naming it, before any parsing", async () => {
    const pairs = Array.from({ length: 150 }, (_, i): [string, string] => [`k${i}`, "1"]);
    expect(await ask(getReport("ticket-volume") as Report, pairs)).toBe(400);
  });
});
