import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, User } from "../../../auth/roles";
import { createTestSources, type TestSources } from "../../../testing/databases";
import { answer } from "../../api";
import { Refusal } from "../../refusal";
import { runReport } from "../../run";
import type { Report, Row } from "../../types";
import { BILLING_FIXTURE, HELPDESK_FIXTURE } from "../fixture";
import { certificatePageParams } from "./params";
import { parseCertificateId } from "./parse-id";
import { certificateBillingReport, certificateHistoryReport, certificateReport } from "./report";

let sources: TestSources;

beforeAll(async () => {
  sources = await createTestSources({ helpdesk: HELPDESK_FIXTURE, billing: BILLING_FIXTURE });
  await sources.use({ LOOKBACK_CACHE_TTL_SECONDS: "0" });
});
afterAll(() => sources.drop());

const users: Record<Role, User> = {
  manager: { login: "m", role: "manager", teamIds: [] },
  lead: { login: "l", role: "lead", teamIds: [1] },
  tech: { login: "t", role: "tech", teamIds: [] },
};

/** A sub-report of the certificate page, run by the engine for the path's `id`. */
async function part<R extends Row>(
  report: Report<typeof certificatePageParams, R>,
  id: string,
  user: User = users.manager,
): Promise<R[]> {
  return (await runReport(report, certificatePageParams.parse({ id }), { user })).rows;
}

describe("the certificate (sub-report certificate)", () => {
  it("reads every field, the customer, and the ticket with its status changes only, in order", async () => {
    expect(await part(certificateReport, "C-101")).toEqual([
      {
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
        ticket_id: 9001,
        ticket_subject: "Renew www.example.com",
        ticket_status: "resolved",
        ticket_created_at: new Date("2025-06-01T09:00:00Z"),
        renewal_id: null,
        renewal_status: null,
      },
    ]);
  });

  it("names the certificate renewing it: same customer and name, requested later, not abandoned", async () => {
    const insert = (id: number, customer: number, name: string, status: string, requested: string) =>
      sources.exec(
        "helpdesk",
        `INSERT INTO certificates (id, customer_id, product_no, common_name, sans, status, vendor, key_type,
                                   requested_at, updated_at)
         VALUES ($1, $2, $3, $4, ARRAY[$4], $5, 'Sectigo', 'RSA-2048', $6, $6)`,
        [id, customer, `P-${id}`, name, status, requested],
      );
    try {
      await insert(201, 1, "www.example.com", "cancelled", "2026-05-28T00:00:00Z"); // abandoned
      await insert(202, 4, "www.example.com", "submitted", "2026-05-28T00:00:00Z"); // another customer
      expect((await part(certificateReport, "C-101"))[0]).toMatchObject({ renewal_id: null });
      await insert(203, 1, "www.EXAMPLE.com", "validating", "2026-05-20T00:00:00Z"); // the name in another case
      expect((await part(certificateReport, "C-101"))[0]).toMatchObject({
        renewal_id: 203,
        renewal_status: "validating",
      });
      // The renewal itself has none; C-102 (*.example.com) is another name.
      expect((await part(certificateReport, "C-203"))[0]).toMatchObject({ renewal_id: null });
      expect((await part(certificateReport, "C-102"))[0]).toMatchObject({ renewal_id: null });
    } finally {
      await sources.exec("helpdesk", "DELETE FROM certificates WHERE id IN (201, 202, 203)");
    }
  });

  it("lists the ticket's status changes only, in order (sub-report certificate-history)", async () => {
    // Events 1, 3, 5, 6 of ticket 9001; the queue (2) and assignee (4) events are not status.
    expect(await part(certificateHistoryReport, "101")).toEqual([
      { id: 1, at: new Date("2025-06-01T09:00:00Z"), from: null, to: "new", actor: null },
      { id: 3, at: new Date("2025-06-01T09:30:00Z"), from: "new", to: "open", actor: "ann" },
      { id: 5, at: new Date("2025-06-03T10:00:00Z"), from: "open", to: "pending", actor: "bob" },
      { id: 6, at: new Date("2025-06-04T10:00:00Z"), from: "pending", to: "resolved", actor: "ann" },
    ]);
  });

  it("has no ticket and no history when none is linked", async () => {
    expect((await part(certificateReport, "102"))[0]?.ticket_id).toBeNull();
    expect(await part(certificateHistoryReport, "102")).toEqual([]);
  });
});

describe("the billing lines (sub-report certificate-billing)", () => {
  it("lists the order's lines on every invoice, oldest first, with exact amounts for managers", async () => {
    // Lines 10, 12 and 13 carry P-1001; line 11 (hosting) and 14 (P-1002) do not.
    expect(await part(certificateBillingReport, "101")).toEqual([
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
    for (const role of ["lead", "tech"] as const) {
      const lines = await part(certificateBillingReport, "101", users[role]);
      expect(lines.map((l) => l.invoice_number)).toEqual(["INV-2025-0042", "INV-2025-0077", "INV-2026-0001"]);
      expect(lines.every((l) => !("amount" in l))).toBe(true);
    }
  });

  it("finds nothing for an order never invoiced", async () => {
    expect(await part(certificateBillingReport, "103")).toEqual([]);
  });
});

describe("the certificate page through the engine", () => {
  const get = (query: string, user: User) => {
    const url = new URL(`http://lookback.test/api/reports/${query}`);
    return answer(url.pathname.split("/").at(-1) as string, url, user, new AbortController().signal);
  };

  it("refuses a tracking number nobody has as not found (the page's 404), in every part, for every role", async () => {
    const parts = [certificateReport, certificateHistoryReport, certificateBillingReport] as unknown as Report<
      typeof certificatePageParams,
      Row
    >[];
    for (const report of parts) {
      const refusal = await part(report, "C-999").catch((e) => e);
      expect(refusal, report.id).toBeInstanceOf(Refusal);
      expect(refusal.kind).toBe("not_found");
      for (const role of ["manager", "lead", "tech"] as const) {
        const res = await get(`${report.id}?id=999`, users[role]);
        expect(res.status, `${report.id} as ${role}`).toBe(404);
        expect((await res.json()).error).toMatchObject({ code: "not_found" });
      }
    }
  });

  it("answers 200 for every role the lookup allows, with amounts for managers only", async () => {
    for (const role of ["manager", "lead", "tech"] as const) {
      const res = await get("certificate-billing?id=C-101", users[role]);
      expect(res.status, role).toBe(200);
      const { rows } = (await res.json()) as { rows: Record<string, unknown>[] };
      expect(rows.map((r) => r.amount)).toEqual(
        role === "manager" ? ["249.00", "-249.00", "259.50"] : [undefined, undefined, undefined],
      );
    }
  });

  it("answers 403 for a role the lookup does not allow", async () => {
    // Every role may look certificates up today; a role outside the list is refused like any report's.
    const outsider = { login: "x", role: "auditor", teamIds: [] } as unknown as User;
    const res = await get("certificate?id=101", outsider);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden" });
  });

  it("names a path that is no tracking number as a parameter error", async () => {
    const res = await get("certificate?id=abc", users.manager);
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([
      { param: "id", message: "must be a tracking number (C-123 or 123)" },
    ]);
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
