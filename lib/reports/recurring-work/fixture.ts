/**
 * A hand-made helpdesk for recurring work. The range under test is
 * 2026-03-02 (Mon) .. 2026-03-15 (Sun) in UTC: two weeks, week 0 from 03-02,
 * week 1 from 03-09. Three kinds are created in it:
 *
 *  A "password reset for <email>"  tickets 1, 2, 3 (customers 1, 2, 1)
 *  B "alert: nginx down on <host>"  tickets 4, 5 (customer 3, monitoring)
 *  C "new ssl certificate for <host>" ticket 6 (customer 2)
 *
 * Ticket 7 (a password reset created on 03-16) and ticket 8 (03-01 23:59)
 * are outside the range: neither they nor their time count.
 *
 * Time in the range (tech 1 costs USD 60/h; tech 2 GBP 50/h, GBP = 1.25 USD
 * from 03-01 and 1.30 from 03-10; each entry rounded to the cent):
 *  A: t1 30 min (1) 30.00, t2 45 min (1) 45.00, t3 15 min (2) 12.50 GBP = 16.25 → 90 min, USD 91.25
 *     (t1's 60 min on 03-16 are after the range)
 *  B: t4 90 min (1) 90.00, t5 90 min (1) 90.00, t5 30 min (2) 25 GBP = 32.50 → 210 min, USD 212.50
 *  C: t6 20 min (2) 16.666… GBP × 1.25 = 20.8333… → 20.83 → 20 min, USD 20.83
 *
 * Resolution (created → resolved_at, the last time it entered resolved) and reopens (back to an
 * in-queue status within 14 days of a resolve):
 *  A: t1 resolved after 120 min, reopened 3 days after, resolved again at 03-06 12:00: 5880 min;
 *     t2 240 min, reopened 17 days after (too late: not a reopen; resolved_at stays); t3 never resolved
 *     → median (5880 + 240) / 2 = 3060 min, 1 of 2 resolved reopened: 50 %
 *  B: t4 10 min, reopened exactly 14 days after (counts); t5 30 min, then closed (not a reopen)
 *     → median 20 min, 1 of 2: 50 %
 *  C: t6 60 min, never reopened → 60 min, 0 %
 */
export const RECURRING_FIXTURE = `
INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago'), (2, 'London', 'Europe/London');
INSERT INTO techs VALUES (1, 'ann', 'Ann Archer', 1, '2024-01-01', NULL), (2, 'lia', 'Lia Lund', 2, '2024-01-01', NULL);
INSERT INTO teams VALUES (10);
INSERT INTO team_names VALUES (10, 'Support', '2025-01-01T00:00Z');
INSERT INTO tech_cost_rates VALUES (1, '2025-01-01', 60.00, 'USD'), (2, '2025-01-01', 50.00, 'GBP');
INSERT INTO customers VALUES (1, 'Acme', NULL, '2024-01-01T00:00Z'), (2, 'Bolt', NULL, '2024-01-01T00:00Z'),
  (3, 'Crane', NULL, '2024-01-01T00:00Z');
INSERT INTO queues VALUES (1, 'Support', 10), (2, 'Monitoring', 10);

INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id, updated_at, resolved_at, merged_into_id)
SELECT id, customer, subject, channel, 3, created::timestamptz, 'open', queue, NULL, created::timestamptz, resolved::timestamptz, NULL
FROM (VALUES
  (1, 1, 'Password reset for jane@acme.com',          'email',      '2026-03-02T10:00Z', 1, '2026-03-06T12:00Z'),
  (2, 2, 'PASSWORD RESET for bob@example.org',        'portal',     '2026-03-03T10:00Z', 1, '2026-03-03T14:00Z'),
  (3, 1, 'Password reset for ann.lee@acme.com',       'email',      '2026-03-10T09:00Z', 1, NULL),
  (4, 3, 'ALERT: nginx down on web-01.example.com',   'monitoring', '2026-03-04T00:00Z', 2, '2026-03-04T00:10Z'),
  (5, 3, 'alert: nginx down on web-17.münchen.de',    'monitoring', '2026-03-11T00:00Z', 2, '2026-03-11T00:30Z'),
  (6, 2, 'New SSL certificate for shop.example.de',   'portal',     '2026-03-05T12:00Z', 1, '2026-03-05T13:00Z'),
  (7, 1, 'Password reset for joe@acme.com',           'email',      '2026-03-16T00:00Z', 1, NULL),
  (8, 1, 'Password reset for amy@acme.com',           'email',      '2026-03-01T23:59Z', 1, NULL)
) AS v(id, customer, subject, channel, created, queue, resolved);

INSERT INTO ticket_events (id, ticket_id, at, actor_id, field, old_value, new_value)
SELECT row_number() OVER (ORDER BY at::timestamptz, t), t, at::timestamptz, NULL, 'status', o, n
FROM (VALUES
  (1, '2026-03-02T10:00Z', NULL, 'new'), (1, '2026-03-02T12:00Z', 'new', 'resolved'),
  (1, '2026-03-05T12:00Z', 'resolved', 'open'), (1, '2026-03-06T12:00Z', 'open', 'resolved'),
  (2, '2026-03-03T10:00Z', NULL, 'new'), (2, '2026-03-03T14:00Z', 'new', 'resolved'),
  (2, '2026-03-20T14:00Z', 'resolved', 'open'),
  (3, '2026-03-10T09:00Z', NULL, 'new'),
  (4, '2026-03-04T00:00Z', NULL, 'new'), (4, '2026-03-04T00:10Z', 'new', 'resolved'),
  (4, '2026-03-18T00:10Z', 'resolved', 'open'),
  (5, '2026-03-11T00:00Z', NULL, 'new'), (5, '2026-03-11T00:30Z', 'new', 'resolved'),
  (5, '2026-03-12T00:30Z', 'resolved', 'closed'),
  (6, '2026-03-05T12:00Z', NULL, 'new'), (6, '2026-03-05T13:00Z', 'new', 'resolved'),
  (7, '2026-03-16T00:00Z', NULL, 'new'), (8, '2026-03-01T23:59Z', NULL, 'new')
) AS v(t, at, o, n);

INSERT INTO time_entries (id, ticket_id, tech_id, started_at, minutes, billable, note) VALUES
  (1, 1, 1, '2026-03-02T11:00Z', 30, true, ''), (2, 1, 2, '2026-03-16T09:00Z', 60, true, ''),
  (3, 2, 1, '2026-03-03T11:00Z', 45, true, ''), (4, 3, 2, '2026-03-10T10:00Z', 15, true, ''),
  (5, 4, 1, '2026-03-04T00:05Z', 90, true, ''), (6, 5, 1, '2026-03-11T00:05Z', 90, true, ''),
  (7, 5, 2, '2026-03-11T00:10Z', 30, true, ''), (8, 6, 2, '2026-03-05T12:30Z', 20, true, ''),
  (9, 8, 1, '2026-03-02T09:00Z', 100, true, '');
`;

export const RECURRING_BILLING_FIXTURE = `
INSERT INTO fx_rates VALUES ('GBP', '2026-03-01', 1.25), ('GBP', '2026-03-10', 1.30);
`;
