import type { ProfitabilityRow } from "./row";

/**
 * A hand-made pair of source databases for the integration tests. Every
 * number the tests expect is worked out in profitability.test.ts from the rows
 * here. The range under test is 2024-02-01 .. 2024-03-31 (60 days: February
 * 2024 has 29).
 *
 * Cost rates
 *   ann (tech 1, Chicago): 60.00 USD/h from 2023-01-01, 80.00 from 2024-03-01 (a change mid-range)
 *   bob (tech 2, London):  40.00 GBP/h from 2023-01-01
 *   cat (tech 3):          50.00 USD/h only from 2024-04-01 (no rate in force in the range)
 *   dan (tech 4):          45.03 USD/h: 10 minutes cost 7.505, a half cent
 * GBP to USD: 1.20 from 2023-06-01, 1.25 from 2024-01-01, 1.30 from 2024-03-01.
 */
export const HELPDESK = `
  INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago'), (2, 'London', 'Europe/London');
  INSERT INTO techs VALUES
    (1, 'ann', 'Ann Archer', 1, '2020-01-01', NULL),
    (2, 'bob', 'Bob Bell', 2, '2020-01-01', NULL),
    (3, 'cat', 'Cat Cole', 1, '2024-01-01', NULL),
    (4, 'dan', 'Dan Dale', 1, '2020-01-01', NULL);
  INSERT INTO tech_cost_rates VALUES
    (1, '2023-01-01', 60.00, 'USD'), (1, '2024-03-01', 80.00, 'USD'),
    (2, '2023-01-01', 40.00, 'GBP'),
    (3, '2024-04-01', 50.00, 'USD'),
    (4, '2020-01-01', 45.03, 'USD');
  INSERT INTO teams VALUES (1);
  INSERT INTO queues VALUES (1, 'Support', 1);
  INSERT INTO customers VALUES
    (1, 'Retainer Corp East', 'A-100', '2020-01-01Z'),
    (2, 'Retainer Corp West', 'A-100', '2020-01-01Z'),
    (3, 'Yearly Ltd', 'A-200', '2020-01-01Z'),
    (4, 'Revenue Only Inc', 'A-300', '2020-01-01Z'),
    (5, 'Internal IT', NULL, '2020-01-01Z'),
    (6, 'Hours Only Co', 'A-500', '2020-01-01Z');
  INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, updated_at) VALUES
    (1, 1, 'East mail down', 'email', 2, '2024-01-20Z', 'open', 1, '2024-01-20Z'),
    (2, 2, 'West VPN', 'phone', 2, '2024-02-01Z', 'open', 1, '2024-02-01Z'),
    (3, 2, 'West printer', 'portal', 3, '2024-02-01Z', 'open', 1, '2024-02-01Z'),
    (4, 3, 'Yearly backup', 'email', 3, '2024-02-01Z', 'open', 1, '2024-02-01Z'),
    (5, 5, 'Laptop for new hire', 'portal', 4, '2024-03-01Z', 'open', 1, '2024-03-01Z'),
    (6, 6, 'Hours Only outage', 'monitoring', 1, '2024-02-01Z', 'open', 1, '2024-02-01Z');
  INSERT INTO time_entries VALUES
    (1, 1, 1, '2024-02-10 10:00Z', 90, true, 'ann, 60/h'),
    (2, 1, 1, '2024-03-05 10:00Z', 45, true, 'ann, 80/h'),
    (3, 2, 2, '2024-02-20 09:00Z', 50, true, 'bob, 40 GBP/h at 1.25'),
    (4, 2, 2, '2024-03-10 09:00Z', 50, false, 'bob, 40 GBP/h at 1.30'),
    (5, 3, 3, '2024-02-15 15:00Z', 30, true, 'cat, no rate in force'),
    (6, 1, 1, '2024-01-31 23:30Z', 60, true, 'before the range, in UTC and in Chicago'),
    (7, 1, 1, '2024-04-01 00:00Z', 60, true, 'after the range in UTC; 2024-03-31 19:00 in Chicago'),
    (8, 4, 4, '2024-02-05 12:00Z', 10, true, 'dan, 7.505'),
    (9, 4, 4, '2024-02-06 12:00Z', 10, true, 'dan, 7.505'),
    (10, 5, 1, '2024-03-20 14:00Z', 30, false, 'ann, 80/h, customer without an account'),
    (11, 6, 1, '2024-02-29 12:00Z', 120, true, 'ann, leap day, 60/h'),
    (12, 6, 1, '2024-03-01 03:00Z', 60, true, 'ann: 2024-03-01 in UTC (80/h), 2024-02-29 in Chicago (60/h)'),
    (13, 2, 2, '2023-01-10 09:00Z', 60, true, 'bob before any GBP fx rate');`;

/**
 * Accounts: A-100 USD (two helpdesk customers), A-200 GBP, A-300 revenue and a
 * customer but no hours, A-400 revenue and no helpdesk customer at all, A-500
 * hours and little support revenue, A-600 only void and draft invoices.
 */
export const BILLING = `
  INSERT INTO accounts VALUES
    ('A-100', 'Retainer Corp', 'USD', 'active', '2020-01-01'),
    ('A-200', 'Yearly Ltd', 'GBP', 'active', '2020-01-01'),
    ('A-300', 'Revenue Only Inc', 'USD', 'active', '2020-01-01'),
    ('A-400', 'No Helpdesk LLC', 'USD', 'active', '2020-01-01'),
    ('A-500', 'Hours Only Co', 'USD', 'active', '2020-01-01'),
    ('A-600', 'Draft Void Only', 'USD', 'active', '2020-01-01');
  INSERT INTO products VALUES
    ('RET', 'Support retainer', 'support_retainer'),
    ('HRS', 'Support hours', 'support_hourly'),
    ('HOST', 'Hosting', 'hosting'),
    ('SSL', 'Certificate', 'ssl');
  INSERT INTO fx_rates VALUES
    ('GBP', '2023-06-01', 1.20000000), ('GBP', '2024-01-01', 1.25000000), ('GBP', '2024-03-01', 1.30000000);
  INSERT INTO invoices VALUES
    (1, 'A-100', 'INV-1', '2024-01-25', '2024-02-24', 'open', 'USD'),
    (2, 'A-100', 'INV-2', '2024-03-25', '2024-04-24', 'paid', 'USD'),
    (3, 'A-100', 'INV-3', '2024-02-15', '2024-03-15', 'void', 'USD'),
    (4, 'A-100', 'INV-4', '2024-02-20', '2024-03-20', 'draft', 'USD'),
    (5, 'A-100', 'INV-5', '2024-02-28', '2024-03-28', 'open', 'USD'),
    (6, 'A-200', 'INV-6', '2023-06-20', '2023-07-20', 'paid', 'GBP'),
    (7, 'A-200', 'INV-7', '2024-03-10', '2024-04-10', 'paid', 'GBP'),
    (8, 'A-200', 'INV-8', '2024-02-10', '2024-03-10', 'open', 'GBP'),
    (9, 'A-300', 'INV-9', '2024-03-01', '2024-03-31', 'paid', 'USD'),
    (10, 'A-300', 'INV-10', '2024-04-01', '2024-04-30', 'open', 'USD'),
    (11, 'A-400', 'INV-11', '2024-02-01', '2024-03-01', 'open', 'USD'),
    (12, 'A-500', 'INV-12', '2024-03-15', '2024-04-15', 'paid', 'USD'),
    (13, 'A-600', 'INV-13', '2024-02-10', '2024-03-10', 'void', 'USD'),
    (14, 'A-600', 'INV-14', '2024-02-11', '2024-03-11', 'draft', 'USD'),
    (15, 'A-200', 'INV-15', '2023-05-01', '2023-05-31', 'paid', 'GBP');
  INSERT INTO invoice_lines VALUES
    (1, 1, 'RET', 'Retainer 15 Jan - 14 Feb', 1, 310.00, 310.00, '2024-01-15', '2024-02-14', NULL),
    (2, 2, 'RET', 'Retainer 15 Mar - 14 Apr', 1, 500.00, 500.00, '2024-03-15', '2024-04-14', NULL),
    (3, 3, 'RET', 'Voided retainer', 1, 999.00, 999.00, '2024-02-15', '2024-03-14', NULL),
    (4, 4, 'HRS', 'Draft hours', 1, 777.00, 777.00, NULL, NULL, NULL),
    (5, 5, 'HRS', 'Three support hours', 3, 75.00, 225.00, NULL, NULL, NULL),
    (6, 5, 'HOST', 'Hosting', 1, 50.00, 50.00, NULL, NULL, NULL),
    (7, 6, 'RET', 'Yearly retainer Jul 2023 - Jun 2024', 1, 1000.00, 1000.00, '2023-07-01', '2024-06-30', NULL),
    (8, 7, 'HRS', 'Credit: outage', 1, -50.00, -50.00, NULL, NULL, NULL),
    (9, 8, 'HRS', 'Hours', 1, 10.02, 10.02, NULL, NULL, NULL),
    (10, 8, 'HRS', 'Rounding credit', 1, -0.02, -0.02, NULL, NULL, NULL),
    (11, 9, 'HRS', 'Project hours', 4, 75.00, 300.00, NULL, NULL, NULL),
    (12, 9, 'RET', 'Retainer January (before the range)', 1, 400.00, 400.00, '2024-01-01', '2024-01-31', NULL),
    (13, 10, 'HRS', 'Issued after the range', 1, 999.00, 999.00, NULL, NULL, NULL),
    (14, 11, 'RET', 'Retainer February', 1, 290.00, 290.00, '2024-02-01', '2024-02-29', NULL),
    (15, 11, 'SSL', 'Certificate', 1, 80.00, 80.00, NULL, NULL, 'P-1'),
    (16, 12, 'HOST', 'Hosting', 1, 100.00, 100.00, NULL, NULL, NULL),
    (17, 12, 'HRS', 'Two support hours', 2, 75.00, 150.00, NULL, NULL, NULL),
    (18, 13, 'HRS', 'Void hours', 1, 500.00, 500.00, NULL, NULL, NULL),
    (19, 14, 'HRS', 'Draft hours', 1, 400.00, 400.00, NULL, NULL, NULL),
    (20, 15, 'HRS', 'Hours before any GBP rate', 1, 10.00, 10.00, NULL, NULL, NULL);`;

/** A report row for tests that set only what they check: every other column zero, null or empty. */
export const clientRow = (r: Partial<ProfitabilityRow> & Pick<ProfitabilityRow, "account_no">): ProfitabilityRow => ({
  account: null,
  customers: [],
  hours: "0.00",
  labor_cost: "0.00",
  revenue: "0.00",
  margin: "0.00",
  margin_pct: null,
  revenue_per_hour: null,
  tickets: 0,
  missing_rates: 0,
  minutes: 0,
  customer_id: null,
  ...r,
});
