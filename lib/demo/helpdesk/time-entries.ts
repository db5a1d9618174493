import { pickText, rnd } from "../sql";
import type { Step } from "../step";
import { TIME_NOTES } from "../words";

/**
 * `te`: time a tech writes off at an act: often at triage, most working
 * rounds, most resolutions. Five-minute steps, skewed short; three times
 * longer on Meridian's tickets. Billable only for customers with an account.
 */
const key = "a.ticket_id * 1024 + a.seq";

export const timeEntrySteps: Step[] = [
  {
    name: "time entries (staged)",
    sql: `
      CREATE TEMP TABLE te AS
      SELECT a.ticket_id, a.seq * 8 AS ord, a.at AS started_at, a.actor AS tech_id,
        5 * (1 + floor(18 * power(${rnd(key, "time.minutes")}, 1.5)))::int * CASE WHEN t.meridian THEN 3 ELSE 1 END AS minutes,
        c.billing_account_no IS NOT NULL AND ${rnd(key, "time.billable")} < 0.75 AS billable,
        ${pickText(TIME_NOTES, key, "time.note")} AS note
      FROM acts a
      JOIN plan t ON t.id = a.ticket_id
      JOIN customer_plan c ON c.id = t.customer_id
      WHERE ${rnd(key, "time.logged")} < CASE a.kind WHEN 20 THEN CASE WHEN t.fate = 'normal' THEN 0.6 ELSE 0 END
                                                      WHEN 102 THEN 0.8 WHEN 600 THEN 0.85 WHEN 720 THEN 1 ELSE 0 END;
      ANALYZE te;
    `,
  },
];
