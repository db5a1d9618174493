import { beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "@/lib/auth/session";
import { resetConfig } from "@/lib/db/config";
import { parseQueuesPage } from "./view-params";

beforeAll(() => {
  // Parsing reads the reporting zone from the configuration, which wants source URLs; nothing connects to them.
  process.env.HELPDESK_DATABASE_URL ??= "postgres://unused@127.0.0.1:1/unused";
  process.env.BILLING_DATABASE_URL ??= "postgres://unused@127.0.0.1:1/unused";
  delete process.env.LOOKBACK_TZ;
  resetConfig();
});

const lead = demoUser("lead");

describe("the queue page's URL", () => {
  it("takes the report's at and queue, and the page's span and since", () => {
    const parsed = parseQueuesPage(
      { at: "2026-03-08T07:30:00Z", queue: ["2", "5"], span: "14", since: "2026-03-01T00:00:00Z" },
      lead,
    );
    expect(parsed).toEqual({
      ok: true,
      state: {
        at: new Date("2026-03-08T07:30:00Z"),
        queue: [2, 5],
        span: 14,
        since: new Date("2026-03-01T00:00:00Z"),
      },
    });
  });

  it("names each bad parameter", () => {
    const parsed = parseQueuesPage({ at: "yesterday", span: "400", since: "soon" }, lead);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && "issues" in parsed && parsed.issues.map((i) => i.param).sort()).toEqual([
      "at",
      "since",
      "span",
    ]);
  });

  it("refuses a compared instant that is not before at", () => {
    const parsed = parseQueuesPage({ at: "2026-03-08T07:30:00Z", since: "2026-03-08T07:30:00Z" }, lead);
    expect(parsed).toEqual({
      ok: false,
      issues: [{ param: "since", message: "must be before the instant shown (at)" }],
    });
  });

  it("refuses an instant later than now, as the report's own parameter does", () => {
    const parsed = parseQueuesPage({ at: "2099-01-01T00:00:00Z" }, lead);
    expect(parsed).toEqual({ ok: false, issues: [{ param: "at", message: "is in the future" }] });
  });
});
