import { MERIDIAN } from "../catalog";
import { lit, rnd, values, weighted } from "../sql";
import type { Step } from "../step";

/**
 * Products, and accounts with their contracts (`account_plan`): a support
 * retainer tier or none (then support is billed by the hour), perhaps
 * hosting, a currency. Meridian Shipping Co gets the smallest retainer and
 * no hosting: planted story 2. Prices are set in USD and converted at a fixed
 * list rate to the account's currency.
 */
export const PRODUCTS = [
  ["SUP-BRONZE", "Support retainer Bronze", "support_retainer"],
  ["SUP-SILVER", "Support retainer Silver", "support_retainer"],
  ["SUP-GOLD", "Support retainer Gold", "support_retainer"],
  ["SUP-HOURLY", "Hourly support", "support_hourly"],
  ["HOST-WEB", "Managed web hosting", "hosting"],
  ["HOST-VPS", "Virtual private server", "hosting"],
  ["SSL-DV", "SSL certificate, domain validated", "ssl"],
  ["SSL-WILD", "Wildcard SSL certificate", "ssl"],
  ["SSL-MULTI", "Multi-domain SSL certificate", "ssl"],
  ["ONSITE", "Onsite visit", "other"],
  ["HARDWARE", "Hardware procurement", "other"],
  ["SETUP", "Setup fee", "other"],
  ["CREDIT", "Credit note", "other"],
] as const;

/** USD list price → account currency. */
export const LIST_RATE = "(CASE a.currency WHEN 'GBP' THEN 0.79 WHEN 'EUR' THEN 0.92 ELSE 1 END)";

export const accountSteps: Step[] = [
  {
    name: "products and accounts",
    sql: `
      INSERT INTO products (code, name, category) VALUES ${values(PRODUCTS)};

      CREATE TEMP TABLE account_plan AS
      WITH drawn AS (
        SELECT f.*, f.account_no = ${lit(MERIDIAN.accountNo)} AS meridian,
          CASE WHEN ${rnd("f.idx", "account.old")} < 0.8 THEN pg_temp.start_day() - 30 - pg_temp.rint(f.idx, 'account.opened', 3000)
               ELSE pg_temp.start_day() + pg_temp.rint(f.idx, 'account.opened', 650) END AS opened_on,
          ${rnd("f.idx", "account.status")} AS u_status,
          ${rnd("f.idx", "account.price")} AS u_price,
          CASE WHEN f.account_no = ${lit(MERIDIAN.accountNo)} THEN 'SUP-BRONZE'
               ELSE ${weighted(rnd("f.idx", "account.tier"), [
                 ["NULL", 35],
                 ["'SUP-BRONZE'", 30],
                 ["'SUP-SILVER'", 25],
                 ["'SUP-GOLD'", 10],
               ])}
          END AS retainer_code
        FROM fact_accounts f
      )
      SELECT d.account_no, d.idx, d.name, d.opened_on, d.meridian,
        CASE WHEN d.meridian THEN 'USD' ELSE ${weighted(rnd("d.idx", "account.currency"), [
          ["'USD'", 80],
          ["'GBP'", 12],
          ["'EUR'", 8],
        ])} END AS currency,
        CASE WHEN d.u_status < 0.04 THEN 'closed' WHEN d.u_status < 0.07 THEN 'suspended' ELSE 'active' END AS status,
        CASE WHEN d.u_status < 0.04 THEN greatest(d.opened_on + 60, pg_temp.start_day() + 200 + pg_temp.rint(d.idx, 'account.closed', 450)) END AS closed_on,
        d.retainer_code,
        CASE WHEN d.meridian THEN ${MERIDIAN.retainer}::numeric
             ELSE 50 * round(CASE d.retainer_code WHEN 'SUP-BRONZE' THEN 300 + 500 * d.u_price
                                                  WHEN 'SUP-SILVER' THEN 1000 + 1500 * d.u_price
                                                  ELSE 3000 + 4000 * d.u_price END::numeric / 50) END AS retainer_usd,
        CASE WHEN d.meridian OR ${rnd("d.idx", "account.hosting")} >= 0.4 THEN NULL
             WHEN ${rnd("d.idx", "account.vps")} < 0.3 THEN 'HOST-VPS' ELSE 'HOST-WEB' END AS hosting_code,
        round((20 + 380 * ${rnd("d.idx", "account.hosting_price")})::numeric, 0) AS hosting_usd
      FROM drawn d;
      ANALYZE account_plan;

      INSERT INTO accounts (account_no, name, currency, status, opened_on)
      SELECT account_no, name, currency, status, opened_on FROM account_plan ORDER BY account_no;
    `,
  },
];
