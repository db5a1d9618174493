import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import type { Helpdesk } from "../../db/types";
import { parseParams } from "../../params/parse";
import { applyRecommendedIndexes, compiler, planOf } from "../../testing/cert-indexes";
import { createTestSources, type TestSources } from "../../testing/databases";
import { runReport } from "../run";
import { expiringQuery } from "./query";
import { certExpiring } from "./report";

// Now is 2026-06-01 12:00 UTC; 30 days ahead ends 2026-07-01 12:00 (excluded).
const NOW = new Date("2026-06-01T12:00:00Z");

const cert = (
  id: number,
  customer: number,
  name: string,
  status: string,
  notAfter: string | null,
  requestedAt = "2025-01-01T00:00:00Z",
) =>
  `(${id}, ${customer}, 'P-${id}', NULL, '${name}', '{${name}}', '${status}', 'Sectigo', 'ORD-${id}', NULL, NULL,
    'RSA-2048', '${requestedAt}', NULL, NULL, ${notAfter === null ? "NULL" : `'${notAfter}'`}, NULL, NULL,
    '2025-01-01T00:00:00Z')`;

const FIXTURE = `
  INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01T00:00:00Z'), (2, 'Beta', NULL, '2020-01-01T00:00:00Z'),
                               (3, 'Zeta', NULL, '2020-01-01T00:00:00Z');
  INSERT INTO certificates VALUES
    ${cert(1, 1, "a1.test", "installed", "2026-06-20T00:00:00Z")},  -- 18.5 days: in
    ${cert(2, 1, "a2.test", "issued", "2026-07-01T11:59:59Z")},     -- 29.99 days: in (29)
    ${cert(3, 1, "a3.test", "issued", "2026-07-01T12:00:00Z")},     -- exactly 30 days: out (end excluded); in at 31
    ${cert(4, 2, "b1.test", "installed", "2026-06-01T12:00:00Z")},  -- exactly now: in (0 days)
    ${cert(5, 2, "b2.test", "installed", "2026-06-01T11:59:59Z")},  -- a second ago: expired, out
    ${cert(6, 2, "b3.test", "expired", "2026-06-10T00:00:00Z")},    -- status expired: out
    ${cert(7, 3, "z1.test", "revoked", "2026-06-05T00:00:00Z")},    -- revoked: out
    ${cert(8, 3, "z2.test", "requested", null)},                    -- no end: out
    ${cert(9, 3, "z3.test", "issued", "2026-06-25T00:00:00Z")},     -- 23.5 days: in
    ${cert(10, 3, "z4.test", "validating", "2026-06-06T00:00:00Z")}, -- not live yet: out
    -- Renewals (none of them in the window themselves):
    ${cert(11, 1, "A1.TEST.", "validating", null, "2026-05-20T00:00:00Z")},  -- renews C-1 (any case, trailing dot)
    ${cert(12, 3, "z3.test", "cancelled", null, "2026-05-30T00:00:00Z")},    -- abandoned: renews nothing
    ${cert(13, 2, "a2.test", "requested", null, "2026-05-25T00:00:00Z")},    -- another customer's: not C-2's
    ${cert(14, 1, "a2.test", "installed", "2026-05-30T00:00:00Z", "2025-06-01T00:00:00Z")}, -- ends before C-2: not
    ${cert(15, 3, "z3.test", "issued", "2027-06-25T00:00:00Z", "2026-05-28T00:00:00Z")}, -- renews C-9 (C-12 is later, cancelled)
    ${cert(16, 1, "a1.test", "installed", "2026-07-20T00:00:00Z", "2024-06-01T00:00:00Z")} -- requested before C-1: not
`;

const tech: User = { login: "tina", role: "tech", teamIds: [] };

async function expiring(raw: Record<string, string> = {}) {
  const parsed = parseParams(certExpiring.params, raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const { rows } = await runReport(certExpiring, parsed.params, { user: tech, now: NOW });
  return rows.map((r) => `${r.customer} ${r.tracking} ${r.days_left}d (${r.customer_expiring})`);
}

describe.each([
  { mode: "without indexes", indexed: false },
  { mode: "through the recommended indexes", indexed: true },
])("cert-expiring $mode", ({ indexed }) => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: FIXTURE });
    if (indexed) {
      await applyRecommendedIndexes(sources);
      await sources.exec("helpdesk", "ANALYZE certificates");
    }
    await sources.use();
  });
  afterAll(() => sources.drop());

  it("lists live certificates ending in the next 30 days, by customer, most urgent customer first", async () => {
    // Beta's first ends now (C-4), Acme's in 18.5 days (C-1), Zeta's in 23.5 days (C-9).
    expect(await expiring()).toEqual(["Beta C-4 0d (1)", "Acme C-1 18d (2)", "Acme C-2 29d (2)", "Zeta C-9 23d (1)"]);
  });

  it("takes another window", async () => {
    // 31 days reaches C-3 (exactly 30 days left); 20 days keeps only C-4 and C-1.
    expect(await expiring({ days: "31" })).toEqual([
      "Beta C-4 0d (1)",
      "Acme C-1 18d (3)",
      "Acme C-2 29d (3)",
      "Acme C-3 30d (3)",
      "Zeta C-9 23d (1)",
    ]);
    expect(await expiring({ days: "20" })).toEqual(["Beta C-4 0d (1)", "Acme C-1 18d (1)"]);
  });

  it("names each certificate's renewal, and keeps only those whose renewal has not started, or has", async () => {
    const parsed = parseParams(certExpiring.params, {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { rows } = await runReport(certExpiring, parsed.params, { user: tech, now: NOW });
    expect(rows.map((r) => [r.tracking, r.renewal, r.renewal_status])).toEqual([
      ["C-4", null, null],
      ["C-1", "C-11", "validating"],
      ["C-2", null, null],
      ["C-9", "C-15", "issued"],
    ]);
    // The counts per customer are of the certificates kept.
    expect(await expiring({ renewal: "none" })).toEqual(["Beta C-4 0d (1)", "Acme C-2 29d (1)"]);
    expect(await expiring({ renewal: "started" })).toEqual(["Acme C-1 18d (1)", "Zeta C-9 23d (1)"]);
    const bad = parseParams(certExpiring.params, { renewal: "soon" });
    expect(!bad.ok && bad.issues).toEqual([{ param: "renewal", message: "must be one of: none, started" }]);
  });

  it("refuses a window that is not 1 to 366 whole days, naming days", () => {
    for (const days of ["0", "367", "1.5", "soon"]) {
      const parsed = parseParams(certExpiring.params, { days });
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.issues.map((i) => i.param)).toEqual(["days"]);
    }
  });

  it.runIf(indexed)("reads the window from the partial index", async () => {
    const compiled = expiringQuery({ now: NOW, limit: 10_001 }, 30).compile(compiler<Helpdesk>());
    const plan = await planOf(sources, "helpdesk", compiled);
    expect(plan).toContain("certificates_live_not_after");
    // Each row's renewal: one probe of the customer's certificates of that name.
    expect(plan).toContain("certificates_customer_name");
  });

  it.runIf(indexed)("probes each certificate's renewal once when the list is filtered on it", async () => {
    for (const renewal of ["none", "started"] as const) {
      const compiled = expiringQuery({ now: NOW, limit: 10_001 }, 30, renewal).compile(compiler<Helpdesk>());
      const probes = (await planOf(sources, "helpdesk", compiled)).match(/certificates_customer_name/g);
      // One for the filter, carried to the rows shown; not a second for the rows shown.
      expect(probes, renewal).toHaveLength(1);
    }
  });
});
