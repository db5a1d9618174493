import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../testing/databases";
import { MERIDIAN, PLANTED_TECHS } from "./catalog";
import { type DemoSummary, generateDemo } from "./generate";
import { HELPDESK_INVARIANTS } from "./invariants";

/**
 * The demo generator at a tiny scale: the same seed and end date give the
 * same rows, another seed other rows; the event conventions the reports rely
 * on hold; the planted stories are there; the schema is left as it was.
 */
const END = "2026-11-20";
const SCALE = 0.05;

let first: TestSources;
let second: TestSources;
let other: TestSources;
let pristine: TestSources;
let a: DemoSummary;
let b: DemoSummary;
let c: DemoSummary;

beforeAll(async () => {
  [first, second, other, pristine] = await Promise.all([
    createTestSources(),
    createTestSources(),
    createTestSources(),
    createTestSources(),
  ]);
  const run = (sources: TestSources, seed: number) =>
    generateDemo({
      helpdeskUrl: sources.helpdeskUrl,
      billingUrl: sources.billingUrl,
      scale: SCALE,
      seed,
      endDate: END,
    });
  [a, b, c] = await Promise.all([run(first, 7), run(second, 7), run(other, 8)]);
}, 240_000);

afterAll(async () => {
  await Promise.all([first, second, other, pristine].map((sources) => sources?.drop()));
});

const one = async (sources: TestSources, source: "helpdesk" | "billing", sql: string, params?: unknown[]) =>
  ((await sources.exec(source, sql, params)) as Record<string, unknown>[])[0] ?? {};

describe("determinism", () => {
  it("gives identical row counts and checksums for the same seed and end date", () => {
    expect(b.helpdesk).toEqual(a.helpdesk);
    expect(b.billing).toEqual(a.billing);
    expect(a.helpdesk.tickets?.rows).toBeGreaterThan(2900);
  });

  it("gives other data for another seed", () => {
    for (const table of ["customers", "tickets", "ticket_events", "ticket_comments", "time_entries", "certificates"]) {
      expect(c.helpdesk[table]?.checksum, table).not.toBe(a.helpdesk[table]?.checksum);
    }
    for (const table of ["accounts", "invoices", "invoice_lines", "payments", "fx_rates"]) {
      expect(c.billing[table]?.checksum, table).not.toBe(a.billing[table]?.checksum);
    }
  });

  it("refuses databases that are not empty", async () => {
    await expect(
      generateDemo({ helpdeskUrl: first.helpdeskUrl, billingUrl: first.billingUrl, scale: SCALE, endDate: END }),
    ).rejects.toThrow(/helpdesk database is not empty/);
  });
});

describe("the helpdesk data", () => {
  for (const invariant of HELPDESK_INVARIANTS) {
    it(invariant.rule, async () => {
      const row = await one(first, "helpdesk", invariant.sql);
      expect(Number(Object.values(row)[0])).toBe(0);
    });
  }

  it("uses every status, channel and priority, with time entries of positive minutes", async () => {
    const row = await one(
      first,
      "helpdesk",
      `SELECT array_agg(DISTINCT status ORDER BY status) AS statuses, array_agg(DISTINCT channel ORDER BY channel) AS channels,
         array_agg(DISTINCT priority ORDER BY priority) AS priorities,
         (SELECT min(minutes) FROM time_entries) AS min_minutes FROM tickets`,
    );
    expect(row.statuses).toEqual(["closed", "deleted", "merged", "new", "on_hold", "open", "pending", "resolved"]);
    expect(row.channels).toEqual(["email", "monitoring", "phone", "portal"]);
    expect(row.priorities).toEqual([1, 2, 3, 4]);
    expect(Number(row.min_minutes)).toBeGreaterThan(0);
  });

  it("has events that share one timestamp, queue moves, reassignments, reopens and unassignments", async () => {
    const row = await one(
      first,
      "helpdesk",
      `SELECT
         (SELECT count(*) FROM (SELECT 1 FROM ticket_events GROUP BY ticket_id, at HAVING count(*) > 1) x) AS ties,
         count(*) FILTER (WHERE field = 'queue' AND old_value IS NOT NULL) AS moves,
         count(*) FILTER (WHERE field = 'assignee' AND old_value IS NOT NULL AND new_value IS NOT NULL) AS reassignments,
         count(*) FILTER (WHERE field = 'assignee' AND new_value IS NULL) AS unassignments,
         count(*) FILTER (WHERE field = 'status' AND old_value = 'resolved' AND new_value = 'open') AS reopens
       FROM ticket_events`,
    );
    for (const count of Object.values(row)) expect(Number(count)).toBeGreaterThan(0);
  });
});

describe("the planted stories", () => {
  it("rvance, of Team X → Division-1 → N-1, posts bare notes at night in the last 60 days", async () => {
    const rvance = PLANTED_TECHS[0];
    const row = await one(
      first,
      "helpdesk",
      `SELECT t.full_name, o.name AS office,
         (SELECT array_agg(n.name ORDER BY n.valid_from) FROM team_members m JOIN team_names n USING (team_id)
          WHERE m.tech_id = t.id) AS team_names,
         (SELECT count(*) FROM ticket_comments c WHERE c.author_id = t.id AND c.visibility = 'internal'
            AND c.created_at >= $2::date - 60 AND extract(hour FROM c.created_at AT TIME ZONE o.timezone) NOT BETWEEN 4 AND 21
            AND length(c.body) <= 7) AS night_notes,
         (SELECT count(*) FROM ticket_comments c WHERE c.author_id = t.id AND c.visibility = 'public'
            AND c.created_at >= $2::date - 60) AS replies
       FROM techs t JOIN offices o ON o.id = t.office_id WHERE t.login = $1`,
      [rvance.login, END],
    );
    expect(row).toMatchObject({
      full_name: rvance.fullName,
      office: "Chicago",
      team_names: ["Team X", "Division-1", "N-1"],
    });
    expect(Number(row.night_notes)).toBeGreaterThan(5 * Number(row.replies));
  });

  it("Meridian Shipping Co pays a small retainer on account A-10042", async () => {
    const customer = await one(first, "helpdesk", "SELECT billing_account_no FROM customers WHERE name = $1", [
      MERIDIAN.name,
    ]);
    expect(customer.billing_account_no).toBe(MERIDIAN.accountNo);
    const retainer = await one(
      first,
      "billing",
      `SELECT max(l.unit_price) AS price FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.account_no = $1 AND l.product_code = 'SUP-BRONZE' AND l.amount > 0`,
      [MERIDIAN.accountNo],
    );
    expect(retainer.price).toBe(MERIDIAN.retainer);
  });

  it("Email Support gets about three times its usual inflow in the spike week", async () => {
    const row = await one(
      first,
      "helpdesk",
      `WITH weeks AS (
         SELECT date_trunc('week', created_at AT TIME ZONE 'America/Chicago') AS week, count(*) AS n
         FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.field = 'queue' AND e.old_value IS NULL
         WHERE e.new_value = '1' GROUP BY 1)
       SELECT (SELECT n FROM weeks WHERE week = date_trunc('week', $1::date - 42)) AS spike,
              (SELECT avg(n) FROM weeks WHERE week BETWEEN date_trunc('week', $1::date - 42) - interval '8 weeks'
                                                      AND date_trunc('week', $1::date - 42) - interval '1 week') AS usual`,
      [END],
    );
    expect(Number(row.spike) / Number(row.usual)).toBeGreaterThan(2.2);
  });
});

describe("the billing data", () => {
  it("has an account for every customer's account number, and a certificate for every product_no", async () => {
    const customerAccounts = await first.exec(
      "helpdesk",
      "SELECT DISTINCT billing_account_no AS no FROM customers WHERE billing_account_no IS NOT NULL",
    );
    const accounts = await first.exec("billing", "SELECT account_no AS no FROM accounts");
    expect(new Set(accounts.map((r) => (r as { no: string }).no))).toEqual(
      new Set(customerAccounts.map((r) => (r as { no: string }).no)),
    );
    const productNos = await first.exec("helpdesk", "SELECT product_no AS no FROM certificates");
    const billed = await first.exec(
      "billing",
      "SELECT DISTINCT product_no AS no FROM invoice_lines WHERE product_no IS NOT NULL",
    );
    const known = new Set(productNos.map((r) => (r as { no: string }).no));
    expect(billed.length).toBeGreaterThan(0);
    for (const r of billed) expect(known.has((r as { no: string }).no)).toBe(true);
  });

  it("has GBP and EUR rates only, credits, and void and draft invoices", async () => {
    const row = await one(
      first,
      "billing",
      `SELECT (SELECT array_agg(DISTINCT currency ORDER BY currency) FROM fx_rates) AS currencies,
              (SELECT count(*) FROM invoice_lines WHERE amount < 0) AS credits,
              (SELECT array_agg(DISTINCT status ORDER BY status) FROM invoices) AS statuses`,
    );
    expect(row.currencies).toEqual(["EUR", "GBP"]);
    expect(Number(row.credits)).toBeGreaterThan(0);
    expect(row.statuses).toEqual(["draft", "open", "paid", "void"]);
  });
});

describe("the schema", () => {
  const catalog = `
    SELECT coalesce(string_agg(d, E'\\n' ORDER BY d), '') AS ddl FROM (
      SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relnamespace = 'public'::regnamespace
      UNION ALL SELECT 'object ' || relname || ' ' || relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace) x`;

  it("is exactly what it was: same tables, keys and indexes, nothing added", async () => {
    for (const source of ["helpdesk", "billing"] as const) {
      expect((await one(first, source, catalog)).ddl, source).toBe((await one(pristine, source, catalog)).ddl);
    }
  });
});
