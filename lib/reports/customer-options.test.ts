import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "../auth/session";
import { createTestSources, type TestSources } from "../testing/databases";
import { formOptions, searchCustomers } from "./options";
import { runReport } from "./run";
import { ticketSearch } from "./ticket-search/report";

const CUSTOMERS = `
INSERT INTO customers (id, name, billing_account_no, created_at) VALUES
  (1, 'Acme Ltd', NULL, '2024-01-01T00:00Z'),
  (2, 'Acme Labs', NULL, '2024-01-01T00:00Z'),
  (3, 'Beta Acme', NULL, '2024-01-01T00:00Z'),
  (4, 'Gamma 100% Pure', NULL, '2024-01-01T00:00Z'),
  (5, 'Delta_Co', NULL, '2024-01-01T00:00Z'),
  (6, 'Deltaxco', NULL, '2024-01-01T00:00Z'),
  (7, 'Back\\Slash', NULL, '2024-01-01T00:00Z'),
  (12, 'Zeta', NULL, '2024-01-01T00:00Z'),
  (120, 'Customer 12 Inc', NULL, '2024-01-01T00:00Z');
`;

const labels = (found: { options: { label: string }[] }) => found.options.map((o) => o.label);

describe("customer pickers, searched in the helpdesk", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources({ helpdesk: CUSTOMERS });
    await sources.use();
  });
  afterAll(() => sources.drop());

  it("finds every word in any case, names that start with the query first, then by name", async () => {
    expect(labels(await searchCustomers("acme"))).toEqual(["Acme Labs (#2)", "Acme Ltd (#1)", "Beta Acme (#3)"]);
    expect(labels(await searchCustomers("LTD acme"))).toEqual(["Acme Ltd (#1)"]);
  });

  it("finds a customer by its id, first, beside names that hold it", async () => {
    expect(labels(await searchCustomers("12"))).toEqual(["Zeta (#12)", "Customer 12 Inc (#120)"]);
    expect(labels(await searchCustomers("#12"))).toEqual(["Zeta (#12)"]);
  });

  it("reads the query as text: % and _ are characters, not patterns", async () => {
    expect(labels(await searchCustomers("100%"))).toEqual(["Gamma 100% Pure (#4)"]);
    expect(labels(await searchCustomers("%"))).toEqual(["Gamma 100% Pure (#4)"]);
    expect(labels(await searchCustomers("delta_"))).toEqual(["Delta_Co (#5)"]);
    expect(labels(await searchCustomers("\\"))).toEqual(["Back\\Slash (#7)"]);
    // A NUL, which PostgreSQL refuses in text, is no character of any name.
    expect(labels(await searchCustomers("acme\0 ltd"))).toEqual(["Acme Ltd (#1)"]);
  });

  it("answers one screenful and says when more match", async () => {
    expect(await searchCustomers("", { limit: 3 })).toEqual({
      options: [
        { value: "2", label: "Acme Labs (#2)" },
        { value: "1", label: "Acme Ltd (#1)" },
        { value: "7", label: "Back\\Slash (#7)" },
      ],
      more: true,
    });
    // Eight names hold an a (not "Customer 12 Inc"): eight fit exactly, seven leave one out.
    expect(await searchCustomers("a", { limit: 8 })).toMatchObject({ options: { length: 8 }, more: false });
    expect(await searchCustomers("a", { limit: 7 })).toMatchObject({ options: { length: 7 }, more: true });
  });

  it("gives a form the name of the customer its values name, and only that one", async () => {
    const options = await formOptions(demoUser("tech"), ticketSearch.params, { q: "x", customer: 2 });
    expect(options.customer).toEqual([{ value: "2", label: "Acme Labs (#2)" }]);
    expect((await formOptions(demoUser("tech"), ticketSearch.params, { q: "x" })).customer).toEqual([]);
  });

  it("refuses a customer the helpdesk does not have, naming the parameter", async () => {
    const run = runReport(ticketSearch, ticketSearch.params.parse({ q: "x", customer: "8" }), {
      user: demoUser("tech"),
    });
    await expect(run).rejects.toMatchObject({
      kind: "invalid_params",
      issues: [{ param: "customer", message: "8 is not a known customer" }],
    });
  });
});
