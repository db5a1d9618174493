import { rnd } from "../sql";
import type { Step } from "../step";

/**
 * Payments: a paid invoice is settled in full on its pay day, sometimes in
 * two halves ten days apart; an open invoice older than 45 days sometimes has
 * half paid. Invoices whose total is not positive (all credit) get none.
 */
export const paymentSteps: Step[] = [
  {
    name: "payments",
    sql: `
      INSERT INTO payments (id, invoice_id, received_on, amount)
      WITH totals AS (
        SELECT i.id, i.status, i.issued_on, i.pay_on, sum(l.amount) AS total,
          ${rnd("i.id", "payment.split")} < 0.08 AS split
        FROM invoice_plan i JOIN invoice_lines l ON l.invoice_id = i.id
        GROUP BY i.id, i.status, i.issued_on, i.pay_on
      ), parts AS (
        SELECT id, pay_on AS received_on, total AS amount, 1 AS part FROM totals WHERE status = 'paid' AND NOT split
        UNION ALL
        SELECT id, greatest(issued_on + 1, pay_on - 10), round(total / 2, 2), 1 FROM totals WHERE status = 'paid' AND split
        UNION ALL
        SELECT id, pay_on, total - round(total / 2, 2), 2 FROM totals WHERE status = 'paid' AND split
        UNION ALL
        SELECT id, issued_on + 20, round(total / 2, 2), 1 FROM totals
        WHERE status = 'open' AND issued_on < pg_temp.end_day() - 45 AND ${rnd("id", "payment.partial")} < 0.2
      )
      SELECT row_number() OVER (ORDER BY received_on, id, part), id, received_on, amount
      FROM parts p WHERE amount > 0 AND EXISTS (SELECT 1 FROM totals t WHERE t.id = p.id AND t.total > 0);
    `,
  },
];
