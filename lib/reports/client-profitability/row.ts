/**
 * One client of the report: a billing account (with every helpdesk customer
 * on it), or a helpdesk customer that has no billing account. Money is an
 * exact decimal string with 2 decimals, in USD; hours likewise.
 */
export type ProfitabilityRow = {
  account_no: string | null;
  account: string | null;
  customers: string[];
  hours: string;
  labor_cost: string;
  revenue: string;
  margin: string;
  margin_pct: string | null;
  revenue_per_hour: string | null;
  tickets: number;
  missing_rates: number;
  /** The exact minutes behind `hours`, so totals need not add up rounded hours. */
  minutes: number;
  /** Set only for a customer without a billing account: its drill-down key. */
  customer_id: number | null;
};
