import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../../../testing/databases";
import { BILLING_FIXTURE, HELPDESK_FIXTURE } from "../fixture";
import { seesAmounts } from "./BillingLines";
import { getBillingLines } from "./get-billing-lines";
import { getCertificate } from "./get-certificate";
import { parseCertificateId } from "./parse-id";

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HELPDESK_FIXTURE, billing: BILLING_FIXTURE });
  await sources.use();
});
afterAll(() => sources.drop());

describe("getCertificate", () => {
  it("reads every field, the customer, and the ticket with its status changes only, in order", async () => {
    expect(await getCertificate(101)).toEqual({
      id: 101,
      customer_id: 1,
      customer: "Acme Widgets GmbH",
      billing_account_no: "ACC-1",
      product_no: "P-1001",
      common_name: "WWW.Example.COM.",
      sans: ["WWW.Example.COM.", "example.com"],
      status: "installed",
      vendor: "Sectigo",
      vendor_order_id: "ORD-5001",
      serial_hex: "00AB12CD",
      sha256_fingerprint: "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90",
      key_type: "RSA-2048",
      requested_at: new Date("2025-06-01T09:00:00Z"),
      issued_at: new Date("2025-06-03T10:00:00Z"),
      not_before: new Date("2025-06-03T10:00:00Z"),
      not_after: new Date("2026-06-21T12:00:00Z"),
      server_hostname: "web1",
      vhost: "example.com",
      updated_at: new Date("2025-06-04T10:00:00Z"),
      ticket: {
        id: 9001,
        subject: "Renew www.example.com",
        status: "resolved",
        created_at: new Date("2025-06-01T09:00:00Z"),
        // Events 1, 3, 5, 6 of ticket 9001; the queue (2) and assignee (4) events are not status.
        history: [
          { id: 1, at: new Date("2025-06-01T09:00:00Z"), from: null, to: "new", actor: null },
          { id: 3, at: new Date("2025-06-01T09:30:00Z"), from: "new", to: "open", actor: "ann" },
          { id: 5, at: new Date("2025-06-03T10:00:00Z"), from: "open", to: "pending", actor: "bob" },
          { id: 6, at: new Date("2025-06-04T10:00:00Z"), from: "pending", to: "resolved", actor: "ann" },
        ],
      },
    });
  });

  it("has no ticket when none is linked, and nothing for an unknown id", async () => {
    expect((await getCertificate(102))?.ticket).toBeNull();
    expect(await getCertificate(999)).toBeUndefined();
  });
});

describe("getBillingLines", () => {
  it("lists the order's lines on every invoice, oldest first, with exact amounts for managers", async () => {
    // Lines 10, 12 and 13 carry P-1001; line 11 (hosting) and 14 (P-1002) do not.
    expect(await getBillingLines("P-1001", { withAmounts: true })).toEqual([
      {
        line_id: 10,
        invoice_number: "INV-2025-0042",
        issued_on: "2025-06-05",
        invoice_status: "paid",
        currency: "EUR",
        product: "EV certificate, 1 year",
        description: "EV certificate www.example.com",
        quantity: "1.000",
        service_from: "2025-06-03",
        service_to: "2026-06-02",
        amount: "249.00",
      },
      {
        line_id: 12,
        invoice_number: "INV-2025-0077",
        issued_on: "2025-07-01",
        invoice_status: "open",
        currency: "EUR",
        product: "EV certificate, 1 year",
        description: "Credit: duplicate certificate line",
        quantity: "1.000",
        service_from: null,
        service_to: null,
        amount: "-249.00",
      },
      {
        line_id: 13,
        invoice_number: "INV-2026-0001",
        issued_on: "2026-05-20",
        invoice_status: "draft",
        currency: "EUR",
        product: "EV certificate, 1 year",
        description: "EV certificate www.example.com renewal",
        quantity: "1.000",
        service_from: "2026-06-03",
        service_to: "2027-06-02",
        amount: "259.50",
      },
    ]);
  });

  it("does not even read amounts for leads and techs", async () => {
    const lines = await getBillingLines("P-1001", { withAmounts: false });
    expect(lines.map((l) => l.invoice_number)).toEqual(["INV-2025-0042", "INV-2025-0077", "INV-2026-0001"]);
    expect(lines.every((l) => !("amount" in l))).toBe(true);
    expect(seesAmounts({ login: "m", role: "manager", teamIds: [] })).toBe(true);
    expect(seesAmounts({ login: "l", role: "lead", teamIds: [1] })).toBe(false);
    expect(seesAmounts({ login: "t", role: "tech", teamIds: [] })).toBe(false);
  });

  it("finds nothing for an order never invoiced", async () => {
    expect(await getBillingLines("P-1003", { withAmounts: true })).toEqual([]);
  });
});

describe("parseCertificateId", () => {
  it("takes a tracking number as people quote it", () => {
    expect(parseCertificateId("101")).toBe(101);
    expect(parseCertificateId("C-101")).toBe(101);
    expect(parseCertificateId("c-101")).toBe(101);
  });

  it("refuses anything else, and ids no number holds exactly", () => {
    expect(parseCertificateId("10a")).toBeUndefined();
    expect(parseCertificateId("-1")).toBeUndefined();
    expect(parseCertificateId("9007199254740993")).toBeUndefined();
    expect(parseCertificateId("99999999999999999999")).toBeUndefined();
  });
});
