import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../auth/roles";
import { parseParams } from "../../params/parse";
import { applyRecommendedIndexes } from "../../testing/cert-indexes";
import { createTestSources, type TestSources } from "../../testing/databases";
import { answer } from "../api";
import { runReport } from "../run";
import { FINGERPRINT_101, HELPDESK_FIXTURE, NOW } from "./fixture";
import { certLookup } from "./report";

const tech: User = { login: "tina", role: "tech", teamIds: [] };

async function lookup(q: string, status?: string) {
  const parsed = parseParams(certLookup.params, status === undefined ? { q } : { q, status });
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.issues)}`);
  return (await runReport(certLookup, parsed.params, { user: tech, now: NOW })).rows;
}

/** The rows as `C-id match`, in order: the whole result set and its ranking in one line. */
async function found(q: string, status?: string): Promise<string[]> {
  return (await lookup(q, status)).map((row) => `${row.tracking} ${row.match}`);
}

// The same answers with and without the recommended indexes: without, every
// branch scans the tiny tables; with them (and sequential scans disabled), every
// branch must go through its index and still find exactly the same rows.
describe.each([
  { mode: "without indexes", indexed: false },
  { mode: "through the recommended indexes", indexed: true },
])("cert-lookup $mode", ({ indexed }) => {
  let sources: TestSources;

  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: HELPDESK_FIXTURE });
    if (indexed) await applyRecommendedIndexes(sources);
    await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0" });
  });
  afterAll(() => sources.drop());

  describe("identifiers", () => {
    it("finds a tracking number with or without C-, in any case", async () => {
      expect(await found("C-123")).toEqual(["C-123 tracking"]);
      expect(await found("c-123")).toEqual(["C-123 tracking"]);
      // "123" is also C-105's vendor order id: both are kind 1, so the later
      // expiry comes first (C-105 2027-01-01, C-123 2026-07-01).
      expect(await found("123")).toEqual(["C-105 order", "C-123 tracking"]);
    });

    it("finds nothing, and does not fail, for a tracking number beyond bigint", async () => {
      expect(await found("C-99999999999999999999")).toEqual([]);
    });

    it("finds an order number and a product number exactly as typed", async () => {
      expect(await found("ORD-5001")).toEqual(["C-101 order"]);
      expect(await found(" P-1003 ")).toEqual(["C-103 product"]);
    });

    it("finds a serial typed with colons and in lower case, leading zeros ignored on both sides", async () => {
      // Stored 00AB12CD: typed without its zeros, and with more of them.
      expect(await found("ab:12:cd")).toEqual(["C-101 serial"]);
      expect(await found("00 00 00 ab 12 cd")).toEqual(["C-101 serial"]);
    });

    it("finds a fingerprint typed as openssl prints it", async () => {
      const typed = FINGERPRINT_101.toLowerCase().match(/../g)!.join(":");
      expect(await found(typed)).toEqual(["C-101 fingerprint"]);
    });

    it("shows a certificate once, with its best identifier", async () => {
      // "9" is C-9's tracking number and (as hex) its serial 09 without the zero.
      expect(await found("9")).toEqual(["C-9 tracking"]);
    });
  });

  describe("names", () => {
    it("finds a name typed in mixed case with a trailing dot, and the wildcard covering it", async () => {
      // C-101's common name is stored as WWW.Example.COM. ; C-102's *.example.com covers www.example.com.
      expect(await found("www.EXAMPLE.com.")).toEqual(["C-101 name", "C-102 wildcard"]);
    });

    it("finds a name that only a wildcard SAN covers", async () => {
      expect(await found("API.example.com")).toEqual(["C-102 wildcard"]);
    });

    it("does not let a wildcard cover a name two labels deep", async () => {
      expect(await found("a.b.example.com")).toEqual([]);
    });

    it("does not let a wildcard cover its apex: that is only a partial match", async () => {
      // example.com is C-101's SAN (name); *.example.com merely contains it (partial).
      expect(await found("example.com")).toEqual(["C-101 name", "C-102 partial"]);
      expect(await found("wild.test")).toEqual(["C-106 partial"]);
    });

    it("finds an internationalized name typed in Unicode, stored in punycode", async () => {
      expect(await found("Bücher.Example")).toEqual(["C-103 name"]);
      expect(await found("WWW.bücher.example.")).toEqual(["C-103 name"]);
    });
  });

  describe("partial matches", () => {
    it("finds part of a name, latest expiry first and no expiry last", async () => {
      // "xampl" is in www.example.com, *.example.com, xn--bcher-kva.example and shop.example.org:
      // C-102 2026-12-01, C-101 2026-06-21, C-103 2026-05-01, C-104 none.
      expect(await found("XAMPL")).toEqual(["C-102 partial", "C-101 partial", "C-103 partial", "C-104 partial"]);
    });

    it("finds part of a customer's name", async () => {
      // Acme Widgets GmbH holds C-101 (2026-06-21) and C-102 (2026-12-01).
      expect(await found("widgets")).toEqual(["C-102 partial", "C-101 partial"]);
      expect(await found("BÜCHERWURM")).toEqual(["C-103 partial"]);
    });

    it("finds only exact kinds for 1 and 2 characters", async () => {
      // "ex" is part of four names (C-101, C-102, C-103's punycode, C-104) but too short for a partial match.
      expect(await found("ex")).toEqual([]);
      expect(await found("x")).toEqual([]);
      expect(await found("9")).toEqual(["C-9 tracking"]);
    });
  });

  describe("literal matching", () => {
    it("matches SQL metacharacters as text, and runs no SQL from the query", async () => {
      expect(await found("'; DROP TABLE certificates; --")).toEqual([]);
      expect(await found("x' OR '1'='1")).toEqual([]);
      const [{ n }] = (await sources.exec("helpdesk", "SELECT count(*)::int AS n FROM certificates")) as [
        { n: number },
      ];
      expect(n).toBe(8);
    });

    it("matches % and _ literally", async () => {
      expect(await found("100%_off")).toEqual(["C-104 order"]);
      // Unescaped, these LIKE patterns would match "example" (C-101, C-102, C-104).
      expect(await found("e_a")).toEqual([]);
      expect(await found("%ample")).toEqual([]);
      expect(await found("%%%")).toEqual([]);
      // Literally part of "100% Pure_Juice Ltd".
      expect(await found("% pure_")).toEqual(["C-104 partial"]);
    });

    it("matches a trailing backslash literally instead of failing", async () => {
      expect(await found("ample\\")).toEqual([]);
    });
  });

  it("filters by status", async () => {
    expect(await found("example.com", "issued")).toEqual(["C-102 partial"]);
    expect(await found("example.com", "installed")).toEqual(["C-101 name"]);
    expect(await found("widgets", "issued")).toEqual(["C-102 partial"]);
  });

  it("answers every column of the definition", async () => {
    const [row] = await lookup("ORD-5001");
    expect(row).toEqual({
      id: 101,
      tracking: "C-101",
      customer: "Acme Widgets GmbH",
      common_name: "WWW.Example.COM.",
      sans: ["WWW.Example.COM.", "example.com"],
      status: "installed",
      vendor: "Sectigo",
      vendor_order_id: "ORD-5001",
      product_no: "P-1001",
      serial_hex: "00AB12CD",
      not_after: new Date("2026-06-21T12:00:00Z"),
      days_left: 20,
      server_hostname: "web1",
      vhost: "example.com",
      ticket_id: 9001,
      match: "order",
    });
  });

  it("counts days left in whole days, rounded down, negative once expired", async () => {
    const days = async (q: string) => (await lookup(q))[0]?.days_left;
    expect(await days("C-102")).toBe(182); // 182.5 days
    expect(await days("C-103")).toBe(-32); // −31.5 days
    expect(await days("C-104")).toBeNull(); // not issued
    expect(await days("C-123")).toBe(29); // 29.5 days
  });

  it("answers 400 naming q for 256 characters, and runs 255", async () => {
    const url = (q: string) => new URL(`http://lookback.test/api/reports/cert-lookup?q=${encodeURIComponent(q)}`);
    const tooLong = await answer("cert-lookup", url("a".repeat(256)), tech, new AbortController().signal);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({
      error: {
        code: "invalid_params",
        message: "Bad parameters",
        issues: [{ param: "q", message: "must be at most 255 characters" }],
      },
    });
    const longest = await answer("cert-lookup", url("a".repeat(255)), tech, new AbortController().signal);
    expect(longest.status).toBe(200);
    expect((await longest.json()).rows).toEqual([]);
  });

  it("answers 400 naming q when it is missing or blank", async () => {
    for (const query of ["?q=%20%20", "", "?status=issued"]) {
      const res = await answer(
        "cert-lookup",
        new URL(`http://lookback.test/api/reports/cert-lookup${query}`),
        tech,
        new AbortController().signal,
      );
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.issues, query).toEqual([{ param: "q", message: "is required" }]);
    }
  });
});

describe("cert-lookup cell colours", () => {
  const classes = (days_left: number | null) =>
    certLookup.cellClasses?.({ days_left } as Parameters<NonNullable<typeof certLookup.cellClasses>>[0]);

  it("is red once expired, amber under 30 days, plain otherwise", () => {
    expect(classes(-1)).toEqual({ days_left: "cell-bad" });
    expect(classes(0)).toEqual({ days_left: "cell-warn" });
    expect(classes(29)).toEqual({ days_left: "cell-warn" });
    expect(classes(30)).toBeUndefined();
    expect(classes(null)).toBeUndefined();
  });
});

describe("cert-lookup, a fragment that matches more than a lookup shows", () => {
  let sources: TestSources;

  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: HELPDESK_FIXTURE });
    // 1,002 certificates of Zeta Hosting named bulk1.zeta.net … bulk1002.zeta.net, bulk<n> expiring n days
    // after 2027-01-01: the latest expiry is bulk1002's, the 1,000th latest bulk3's.
    await sources.exec(
      "helpdesk",
      `INSERT INTO certificates (id, customer_id, product_no, common_name, sans, status, vendor, key_type, requested_at, not_after, updated_at)
       SELECT 100000 + n, 4, 'P-B' || n, 'bulk' || n || '.zeta.net', ARRAY['bulk' || n || '.zeta.net'], 'installed', 'DigiCert', 'RSA-2048',
              '2025-01-01T00:00:00Z', timestamptz '2027-01-01T00:00:00Z' + n * interval '1 day', '2025-01-01T00:00:00Z'
       FROM generate_series(1, 1002) n`,
    );
    await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0" });
  });
  afterAll(() => sources.drop());

  it("keeps the best 1,000 matches and says there were more; the CSV export has every one", async () => {
    const parsed = parseParams(certLookup.params, { q: "bulk" });
    if (!parsed.ok) throw new Error("bad params");
    const run = await runReport(certLookup, parsed.params, { user: tech, now: NOW });
    expect(run.rows).toHaveLength(1_000);
    expect(run.truncated).toBe(true);
    expect(run.rows[0]?.tracking).toBe("C-101002");
    expect(run.rows.at(-1)?.tracking).toBe("C-100003");
    const csv = await answer(
      "cert-lookup",
      new URL("http://lookback.test/api/reports/cert-lookup?q=bulk&format=csv"),
      tech,
      new AbortController().signal,
    );
    const lines = (await csv.text()).trim().split("\n");
    expect(lines).toHaveLength(1 + 1_002);
  });
});
