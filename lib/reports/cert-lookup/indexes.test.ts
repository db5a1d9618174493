import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Billing, Helpdesk } from "../../db/types";
import { applyRecommendedIndexes, compiler, planOf } from "../../testing/cert-indexes";
import { createTestSources, type TestSources } from "../../testing/databases";
import { billingLinesQuery } from "./certificate/query";
import { BILLING_FIXTURE, HELPDESK_FIXTURE } from "./fixture";
import { normalizeQuery } from "./normalize";
import { lookupQuery } from "./query";

// Each way of matching must reach its index: an expression in names-sql.ts
// that drifts from sql/indexes/helpdesk/cert-lookup.sql shows here as a
// sequential scan (they are switched off, so only a missing index path leaves one).
let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HELPDESK_FIXTURE, billing: BILLING_FIXTURE });
  await applyRecommendedIndexes(sources);
});
afterAll(() => sources.drop());

const helpdesk = compiler<Helpdesk>();

/**
 * The plan of a lookup; `limit` Infinity is an export's (no branch is cut to its latest matches, so on
 * these few rows the planner has no reason to read certificates_latest instead of a branch's own index).
 */
async function lookupPlan(q: string, limit = 10_001): Promise<string> {
  return planOf(sources, "helpdesk", lookupQuery(normalizeQuery(q), { limit }).compile(helpdesk));
}

describe("cert-lookup plans", () => {
  it("answers identifiers from their indexes", async () => {
    const plan = await lookupPlan("C-123");
    expect(plan).toContain("certificates_pkey");
    expect(plan).toContain("certificates_vendor_order_id");
    expect(plan).toContain("certificates_product_no");
    expect(plan).not.toContain("Seq Scan");
  });

  it("answers serials and fingerprints from their indexes", async () => {
    const plan = await lookupPlan("ab:12:cd");
    expect(plan).toContain("certificates_serial_hex_unpadded");
    expect(plan).toContain("certificates_sha256_fingerprint");
    expect(plan).not.toContain("Seq Scan");
  });

  it("answers names, wildcards and partial matches from their indexes", async () => {
    const plan = await lookupPlan("www.example.com", Number.POSITIVE_INFINITY);
    expect(plan).toMatch(/Bitmap Index Scan on certificates_names\n[^\n]*\?\| '\{www\.example\.com\}'/);
    expect(plan).toMatch(/Bitmap Index Scan on certificates_names\n[^\n]*\?\| '\{\*\.example\.com\}'/);
    expect(plan).toContain("Bitmap Index Scan on certificates_names_trgm");
    // (Customers: with four rows the planner rightly walks their primary key instead of customers_name_trgm.)
    expect(plan).not.toContain("Seq Scan");
  });
});

describe("certificate page plans", () => {
  it("finds a certificate order's billing lines by product_no", async () => {
    const compiled = billingLinesQuery(compiler<Billing>(), "P-1001", { withAmounts: true }).compile();
    const plan = await planOf(sources, "billing", compiled);
    expect(plan).toContain("invoice_lines_product_no");
  });
});

describe("cert-lookup plan for a fragment most names hold", () => {
  let many: TestSources;

  beforeAll(async () => {
    many = await createTestSources({ helpdesk: HELPDESK_FIXTURE });
    await applyRecommendedIndexes(many);
    // 20,000 certificates named host<n>.common.net: "common" is in every one of them.
    await many.exec(
      "helpdesk",
      `INSERT INTO certificates (id, customer_id, product_no, common_name, sans, status, vendor, key_type, requested_at, not_after, updated_at)
       SELECT 200000 + n, 4, 'P-C' || n, 'host' || n || '.common.net', ARRAY['host' || n || '.common.net'], 'installed', 'DigiCert',
              'RSA-2048', '2025-01-01T00:00:00Z', timestamptz '2027-01-01T00:00:00Z' + n * interval '1 hour', '2025-01-01T00:00:00Z'
       FROM generate_series(1, 20000) n;
       ANALYZE certificates`,
    );
  });
  afterAll(() => many.drop());

  it("reads certificates latest expiry first until a page is found, instead of ranking every match", async () => {
    const plan = await planOf(
      many,
      "helpdesk",
      lookupQuery(normalizeQuery("common"), { limit: 1_001 }).compile(helpdesk),
    );
    expect(plan).toContain("Index Scan using certificates_latest");
  });
});
