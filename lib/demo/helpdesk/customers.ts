import { INTERNAL_CUSTOMER, MERIDIAN, NO_ACCOUNT_SHARE } from "../catalog";
import { lit, rnd, textArray } from "../sql";
import type { Step } from "../step";
import { COMPANY_FORMS, COMPANY_PREFIXES, COMPANY_SECTORS, COMPANY_SUFFIXES } from "../words";

/**
 * Customers and their billing accounts. Customer c ≤ account_range with an
 * account has its own, `A-<10000 + c>`; later customers with an account share
 * one of those, so several customers can sit on one account. A customer is
 * created before its first ticket.
 */
const nameCount = COMPANY_PREFIXES.length * COMPANY_SUFFIXES.length * COMPANY_SECTORS.length * COMPANY_FORMS.length;

/** The generated company name for customer `c`: a bijection onto the name space, so names repeat only past 48,000. */
function companyName(c: string): string {
  const i = `((${c})::bigint * 7919 % ${nameCount})`;
  return `(${textArray(COMPANY_PREFIXES)})[1 + ${i} / ${nameCount / COMPANY_PREFIXES.length}]
    || (${textArray(COMPANY_SUFFIXES)})[1 + ${i} / ${COMPANY_SECTORS.length * COMPANY_FORMS.length} % ${COMPANY_SUFFIXES.length}]
    || ' ' || (${textArray(COMPANY_SECTORS)})[1 + ${i} / ${COMPANY_FORMS.length} % ${COMPANY_SECTORS.length}]
    || ' ' || (${textArray(COMPANY_FORMS)})[1 + ${i} % ${COMPANY_FORMS.length}]
    || CASE WHEN ${c} > ${nameCount} THEN ' ' || ((${c} - 1) / ${nameCount} + 1) ELSE '' END`;
}

export const customerSteps: Step[] = [
  {
    name: "customers",
    sql: `
      CREATE TEMP TABLE customer_plan AS
      WITH base AS (
        SELECT c AS id,
          CASE c WHEN ${MERIDIAN.customerId} THEN ${lit(MERIDIAN.name)}
                 WHEN ${INTERNAL_CUSTOMER.id} THEN ${lit(INTERNAL_CUSTOMER.name)}
                 ELSE ${companyName("c")} END AS name,
          CASE c WHEN ${MERIDIAN.customerId} THEN true
                 WHEN ${INTERNAL_CUSTOMER.id} THEN false
                 ELSE ${rnd("c", "customer.account")} >= ${NO_ACCOUNT_SHARE} END AS has_account,
          CASE WHEN ${rnd("c", "customer.old")} < 0.8
               THEN pg_temp.start_ts() - (30 + pg_temp.rint(c, 'customer.since', 3000)) * interval '1 day'
               ELSE pg_temp.start_ts() + pg_temp.rint(c, 'customer.since', 700) * interval '1 day'
          END + pg_temp.rint(c, 'customer.second', 86400) * interval '1 second' AS joined_at
        FROM generate_series(1, pg_temp.n_customers()) c
      )
      SELECT b.id, b.name,
        CASE WHEN b.has_account THEN 'A-' || (10000 + CASE WHEN b.id <= pg_temp.account_range() THEN b.id
                                                         ELSE 1 + pg_temp.rint(b.id, 'customer.shares', pg_temp.account_range()) END)
        END AS billing_account_no,
        -- Before the first ticket, by an hour to three weeks.
        least(b.joined_at, f.first_ticket_at - interval '1 hour'
                           - pg_temp.rint(b.id, 'customer.lead', 1814400) * interval '1 second') AS created_at
      FROM base b
      LEFT JOIN (SELECT customer_id, min(created_at) AS first_ticket_at FROM plan GROUP BY customer_id) f
        ON f.customer_id = b.id;
      ANALYZE customer_plan;

      INSERT INTO customers (id, name, billing_account_no, created_at)
      SELECT id, name, billing_account_no, created_at FROM customer_plan ORDER BY id;
    `,
  },
];
