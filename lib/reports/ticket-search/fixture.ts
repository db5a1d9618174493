/**
 * A hand-made helpdesk for the ticket search. The 'english' configuration
 * stems "connection" to connect and "refused" to refus, and drops stop words
 * (to, the, was) while keeping their positions.
 *
 *  ticket 10 (Acme, Network, assigned to nobody) subject "VPN connection refused at Acme office", 2026-01-05 10:00
 *    100 customer, public   10:05 "The VPN says connection refused since this morning."
 *    101 ann, internal      11:00 "Firewall dropped the tunnel; restarted strongswan."   ← strongswan only here
 *  ticket 11 (Bolt, Support, assigned to ann) subject "Printer jam", 2026-02-01 10:00
 *    102 lia, public        11:00 "Connection to the printer was refused, please restart it."
 *    104 customer, public   2026-02-02 09:00 "The printer works again, thanks."
 *  ticket 12 (Bolt, Support) subject "Mailbox full", 2026-03-01 10:00
 *    103 ann, public        12:00 "Mailbox quota raised. Connection works."
 */
export const SEARCH_FIXTURE = `
INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
INSERT INTO techs VALUES (1, 'ann', 'Ann Archer', 1, '2024-01-01', NULL), (2, 'lia', 'Lia Lund', 1, '2024-01-01', NULL);
INSERT INTO teams VALUES (10);
INSERT INTO customers VALUES (1, 'Acme', NULL, '2024-01-01T00:00Z'), (2, 'Bolt', NULL, '2024-01-01T00:00Z');
INSERT INTO queues VALUES (1, 'Support', 10), (2, 'Network', 10);
INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id, updated_at, resolved_at, merged_into_id) VALUES
  (10, 1, 'VPN connection refused at Acme office', 'email', 3, '2026-01-05T10:00Z', 'open', 2, NULL, '2026-01-05T10:00Z', NULL, NULL),
  (11, 2, 'Printer jam', 'phone', 3, '2026-02-01T10:00Z', 'open', 1, 1, '2026-02-01T10:00Z', NULL, NULL),
  (12, 2, 'Mailbox full', 'portal', 3, '2026-03-01T10:00Z', 'open', 1, NULL, '2026-03-01T10:00Z', NULL, NULL);
INSERT INTO ticket_comments (id, ticket_id, author_id, created_at, visibility, body, credit) VALUES
  (100, 10, NULL, '2026-01-05T10:05Z', 'public', 'The VPN says connection refused since this morning.', 0),
  (101, 10, 1, '2026-01-05T11:00Z', 'internal', 'Firewall dropped the tunnel; restarted strongswan.', 0.5),
  (102, 11, 2, '2026-02-01T11:00Z', 'public', 'Connection to the printer was refused, please restart it.', 1),
  (103, 12, 1, '2026-03-01T12:00Z', 'public', 'Mailbox quota raised. Connection works.', 1),
  (104, 11, NULL, '2026-02-02T09:00Z', 'public', 'The printer works again, thanks.', 0);
`;
