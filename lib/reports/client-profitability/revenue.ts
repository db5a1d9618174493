import { type Kysely, sql } from "kysely";
import type { Billing } from "../../db/types";
import { earnedUsd, earningLines, type LineWindow } from "../../sql/billing/earned-revenue";
import { refuseUnconverted, type UnconvertedCount, withoutUnconverted } from "../../sql/billing/fx";

/** Revenue of one billing account in the range, in USD. */
export interface AccountRevenue {
  account_no: string;
  account: string;
  /** exact sum of the lines' cents */
  revenue: string;
}

/** One row per billing account with at least one line earning in the range (its sum may be 0 or negative). */
export async function revenueByAccount(billing: Kysely<Billing>, w: LineWindow): Promise<AccountRevenue[]> {
  const { rows } = await sql<AccountRevenue & UnconvertedCount>`
    WITH ${earningLines(w)},
    per_account AS (
      SELECT account_no, sum(${earnedUsd(sql`earn_from`, sql`earn_to`)}) AS revenue,
             count(*) FILTER (WHERE to_usd IS NULL) AS unconverted,
             min(currency) FILTER (WHERE to_usd IS NULL) AS unconverted_currency
      FROM lines
      GROUP BY account_no
    )
    SELECT pa.account_no, a.name AS account, pa.revenue,
           pa.unconverted::int8 AS unconverted, pa.unconverted_currency
    FROM per_account pa
    JOIN accounts a ON a.account_no = pa.account_no`.execute(billing);
  refuseUnconverted(rows, "invoice lines", "their invoice's issue date");
  return rows.map(withoutUnconverted);
}
