/**
 * What the billing database must agree with, read from the helpdesk
 * session's staging tables and copied across (no query can span the two
 * databases): the accounts customers point at, certificates to bill, and the
 * billable time to invoice by the hour. Each fact becomes a temp table of the
 * billing session.
 */
export interface Fact {
  table: string;
  columns: string;
  /** Runs in the helpdesk session; its columns match `columns`. */
  query: string;
}

export const billingFacts: Fact[] = [
  {
    table: "fact_accounts",
    columns: "account_no text PRIMARY KEY, idx int NOT NULL, name text NOT NULL",
    // An account is named after the first customer on it.
    query: `
      SELECT DISTINCT ON (billing_account_no) billing_account_no, substr(billing_account_no, 3)::int - 10000, name
      FROM customer_plan WHERE billing_account_no IS NOT NULL
      ORDER BY billing_account_no, id`,
  },
  {
    table: "fact_certificates",
    columns:
      "product_no text PRIMARY KEY, account_no text NOT NULL, product_code text NOT NULL, common_name text NOT NULL, not_before timestamptz NOT NULL",
    // Let's Encrypt certificates are free; the rest are billed once issued.
    query: `
      SELECT c.product_no, cu.billing_account_no, c.product_code, c.common_name, date_trunc('minute', c.issue_at)
      FROM cert_plan c JOIN customer_plan cu ON cu.id = c.customer_id
      WHERE c.was_issued AND c.vendor <> 'Let''s Encrypt' AND cu.billing_account_no IS NOT NULL`,
  },
  {
    table: "fact_billable_minutes",
    columns: "account_no text NOT NULL, month date NOT NULL, minutes bigint NOT NULL, PRIMARY KEY (account_no, month)",
    query: `
      SELECT cu.billing_account_no, date_trunc('month', e.started_at)::date, sum(e.minutes)
      FROM te e JOIN plan t ON t.id = e.ticket_id JOIN customer_plan cu ON cu.id = t.customer_id
      WHERE e.billable
      GROUP BY 1, 2`,
  },
];
