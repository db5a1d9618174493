import { rnd } from "../sql";
import type { Step } from "../step";
import { LIST_RATE } from "./accounts";

/**
 * Monthly invoices, issued on the first of each month of history while the
 * account is open, holding: the month's retainer and hosting (service period
 * = the month); last month's billable hours for accounts without a retainer
 * (service period = last month); certificates issued last month (service
 * period = the certificate's year, `product_no` = the certificate's); now and
 * then a one-off charge (no period) or a credit (negative amount). An
 * account-month with no lines gets no invoice.
 */
const key = "(a.idx::bigint * 100000 + m.month_no)";
const SSL_USD = "CASE c.product_code WHEN 'SSL-WILD' THEN 299 WHEN 'SSL-MULTI' THEN 199 ELSE 79 END";

export const invoiceSteps: Step[] = [
  {
    name: "invoice lines (planned)",
    sql: `
      CREATE TEMP TABLE account_month AS
      SELECT a.account_no, m.month, (m.month + interval '1 month')::date - 1 AS month_end, m.month_no
      FROM account_plan a
      CROSS JOIN LATERAL (
        SELECT g::date AS month, (extract(year FROM g) * 12 + extract(month FROM g))::int AS month_no
        FROM generate_series(date_trunc('month', pg_temp.start_day() - 1) + interval '1 month', pg_temp.end_day() - 1, interval '1 month') g
      ) m
      WHERE m.month >= a.opened_on AND (a.closed_on IS NULL OR m.month <= a.closed_on);
      ANALYZE account_month;

      CREATE TEMP TABLE line_plan AS
      SELECT m.account_no, m.month, 1 AS line_no, a.retainer_code AS product_code,
        p.name || ', ' || to_char(m.month, 'FMMonth YYYY') AS description, 1 AS quantity,
        round(a.retainer_usd * ${LIST_RATE}, 2) AS unit_price, m.month AS service_from, m.month_end AS service_to,
        NULL AS product_no
      FROM account_month m JOIN account_plan a USING (account_no) JOIN products p ON p.code = a.retainer_code
      UNION ALL
      SELECT m.account_no, m.month, 2, a.hosting_code, p.name || ', ' || to_char(m.month, 'FMMonth YYYY'), 1,
        round(a.hosting_usd * ${LIST_RATE}, 2), m.month, m.month_end, NULL
      FROM account_month m JOIN account_plan a USING (account_no) JOIN products p ON p.code = a.hosting_code
      UNION ALL
      SELECT m.account_no, m.month, 3, 'SUP-HOURLY', 'Support hours, ' || to_char(h.month, 'FMMonth YYYY'),
        round(h.minutes / 60.0, 2), round(125 * ${LIST_RATE}, 2), h.month, m.month - 1, NULL
      FROM account_month m JOIN account_plan a USING (account_no)
      JOIN fact_billable_minutes h ON h.account_no = m.account_no AND h.month = (m.month - interval '1 month')::date
      WHERE a.retainer_code IS NULL
      UNION ALL
      SELECT m.account_no, m.month, 10 + row_number() OVER (PARTITION BY m.account_no, m.month ORDER BY c.product_no),
        c.product_code, 'SSL certificate for ' || c.common_name || ', 1 year', 1, round(${SSL_USD} * ${LIST_RATE}, 2),
        c.not_before::date, (c.not_before + interval '1 year')::date - 1, c.product_no
      FROM fact_certificates c
      JOIN account_month m ON m.account_no = c.account_no AND m.month = date_trunc('month', c.not_before) + interval '1 month'
      JOIN account_plan a ON a.account_no = m.account_no
      UNION ALL
      SELECT m.account_no, m.month, 40, o.code, o.description, 1 + pg_temp.rint(${key}, 'oneoff.quantity', 3),
        round((o.usd * (0.5 + ${rnd(key, "oneoff.price")}))::numeric * ${LIST_RATE}, 2), NULL, NULL, NULL
      FROM account_month m JOIN account_plan a USING (account_no)
      CROSS JOIN LATERAL (SELECT (ARRAY['ONSITE', 'HARDWARE', 'SETUP'])[1 + pg_temp.rint(${key}, 'oneoff.product', 3)] AS code) c
      JOIN (VALUES ('ONSITE', 'Onsite visit', 180), ('HARDWARE', 'Hardware: replacement disks', 450), ('SETUP', 'Setup fee', 250))
        AS o(code, description, usd) ON o.code = c.code
      WHERE ${rnd(key, "oneoff")} < 0.06
      UNION ALL
      -- A service credit against the month's retainer, or a goodwill credit with no period.
      SELECT m.account_no, m.month, 50, a.retainer_code, 'Service credit: SLA breach, ' || to_char(m.month, 'FMMonth YYYY'), 1,
        -round(a.retainer_usd * (0.1 + 0.2 * ${rnd(key, "credit.size")})::numeric * ${LIST_RATE}, 2), m.month, m.month_end, NULL
      FROM account_month m JOIN account_plan a USING (account_no)
      WHERE a.retainer_code IS NOT NULL AND ${rnd(key, "credit.sla")} < 0.025
      UNION ALL
      SELECT m.account_no, m.month, 51, 'CREDIT', 'Goodwill credit', 1,
        -round((25 + 175 * ${rnd(key, "credit.size")})::numeric * ${LIST_RATE}, 2), NULL, NULL, NULL
      FROM account_month m JOIN account_plan a USING (account_no)
      WHERE ${rnd(key, "credit.goodwill")} < 0.012;
      ANALYZE line_plan;
    `,
  },
  {
    name: "invoices and lines",
    // Ids follow issue date; a few invoices are void, a few left in draft, the
    // rest paid within weeks unless recent or (rarely) never.
    sql: `
      CREATE TEMP TABLE invoice_plan AS
      WITH numbered AS (
        SELECT row_number() OVER (ORDER BY x.month, x.account_no) AS id, x.account_no, x.month AS issued_on, a.currency, a.idx
        FROM (SELECT DISTINCT account_no, month FROM line_plan) x JOIN account_plan a USING (account_no)
      )
      SELECT n.*, n.issued_on + 5 + pg_temp.rint(n.id, 'invoice.paid_after', 40) AS pay_on,
        CASE WHEN ${rnd("n.id", "invoice.status")} < 0.015 THEN 'void'
             WHEN ${rnd("n.id", "invoice.status")} < 0.022 OR pg_temp.end_day() - n.issued_on < 5 THEN 'draft'
             WHEN n.issued_on + 5 + pg_temp.rint(n.id, 'invoice.paid_after', 40) < pg_temp.end_day()
                  AND ${rnd("n.id", "invoice.unpaid")} >= 0.04 THEN 'paid'
             ELSE 'open' END AS status
      FROM numbered n;
      ANALYZE invoice_plan;

      INSERT INTO invoices (id, account_no, number, issued_on, due_on, status, currency)
      SELECT id, account_no, 'INV-' || to_char(issued_on, 'YYYYMM') || '-' || lpad(id::text, 6, '0'), issued_on, issued_on + 30,
        status, currency
      FROM invoice_plan ORDER BY id;

      INSERT INTO invoice_lines (id, invoice_id, product_code, description, quantity, unit_price, amount, service_from,
                                 service_to, product_no)
      SELECT row_number() OVER (ORDER BY i.id, l.line_no), i.id, l.product_code, l.description, l.quantity, l.unit_price,
        round(l.quantity * l.unit_price, 2), l.service_from, l.service_to, l.product_no
      FROM line_plan l JOIN invoice_plan i ON i.account_no = l.account_no AND i.issued_on = l.month;
    `,
  },
];
