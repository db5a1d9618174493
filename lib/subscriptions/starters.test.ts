import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../auth/session";
import { resetConfig } from "../db/config";
import { prepare } from "../reports/request";
import { conditionProblem } from "./condition";
import { STARTERS } from "./starters";
import { parseViewUrl } from "./view-url";

/** Each starter alert is a valid view of its report for a manager, with a condition on a column it has. */
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    HELPDESK_DATABASE_URL: "postgres://unused/helpdesk",
    BILLING_DATABASE_URL: "postgres://unused/billing",
  });
  resetConfig();
});
afterAll(() => {
  process.env = saved;
  resetConfig();
});

describe("starter alerts", () => {
  it("are four, each a valid view with a condition its report can answer", () => {
    expect(STARTERS.map((s) => s.id)).toEqual(["certs-expiring", "bare-notes", "queue-depth", "negative-margin"]);
    for (const starter of STARTERS) {
      const parsed = parseViewUrl(starter.url);
      if (!parsed.ok) throw new Error(`${starter.id}: ${parsed.message}`);
      const prepared = prepare(parsed.view.report.id, parsed.view.raw, demoUser("manager"));
      expect(prepared.kind, starter.id).toBe("ok");
      expect(conditionProblem(starter.when, parsed.view.report), starter.id).toBeUndefined();
    }
  });

  it("keep their presets relative: this month resolves at each run", () => {
    const parsed = parseViewUrl(STARTERS[3]?.url ?? "");
    if (!parsed.ok) throw new Error(parsed.message);
    const march = prepare(parsed.view.report.id, parsed.view.raw, demoUser("manager"), new Date("2026-03-15T12:00Z"));
    const april = prepare(parsed.view.report.id, parsed.view.raw, demoUser("manager"), new Date("2026-04-02T12:00Z"));
    expect(march.kind === "ok" && march.canonical.get("from")).toBe("2026-03-01");
    expect(april.kind === "ok" && [april.canonical.get("from"), april.canonical.get("to")]).toEqual([
      "2026-04-01",
      "2026-04-02",
    ]);
  });
});
