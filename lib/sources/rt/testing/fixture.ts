/**
 * A hand-made RT history, small enough to check by hand (the rules test
 * asserts each row it becomes). Ticket 1, on 2026-03-02 (UTC):
 *
 *   10 Create by the customer (no values)          11 Correspond by the customer
 *   12 Status new → open by alice                  13 Set Owner Nobody → alice, 14 its SetWatcher twin
 *   15 Correspond by alice, TimeTaken 30           16 its EmailRecord
 *   17 Comment by alice                            18 its CommentEmailRecord
 *   19 Set Priority 3 → 2 by alice                 20 Set TimeWorked +45 by alice
 *   21 Set TimeWorked −15 by alice (corrects 20)   22 Set TimeWorked −60 by bob (nothing of bob's to correct)
 *
 * Team group 200 "Team X" → "Division-1" (Feb 1) → "N-1" (Mar 1); queue 1's
 * Team custom field says "N-1". Tickets 2 and 3 exist to be merged, ticket 4
 * to be shredded.
 */
export const RT_FIXTURE = `
INSERT INTO principals (id, principaltype, disabled) VALUES
  (1, 'User', 0), (2, 'User', 0), (6, 'User', 0), (10, 'User', 0), (50, 'User', 0), (100, 'Group', 0), (200, 'Group', 0);
INSERT INTO users (id, name, realname, timezone, created, lastupdated) VALUES
  (1, 'alice', 'Alice Archer', 'America/Chicago', '2025-01-01', '2025-01-01'),
  (2, 'bob', 'Bob Baker', NULL, '2025-01-01', '2025-01-01'),
  (6, 'Nobody', 'Nobody in particular', NULL, NULL, NULL),
  (10, 'RT_System', 'The RT System itself', NULL, NULL, NULL),
  (50, 'customer', 'A Customer', NULL, '2025-01-01', '2025-01-01');
INSERT INTO groups (id, name, domain, created) VALUES
  (100, 'Privileged', 'SystemInternal', NULL), (200, 'N-1', 'UserDefined', '2026-01-01');
INSERT INTO groupmembers (id, groupid, memberid, created) VALUES (1, 100, 1, NULL), (2, 100, 2, NULL), (3, 200, 1, '2026-01-01');
INSERT INTO queues (id, name) VALUES (1, 'Email Support');
INSERT INTO customfields (id, name, type, lookuptype) VALUES
  (1, 'Customer', 'Select', 'RT::Queue-RT::Ticket'), (2, 'Channel', 'Select', 'RT::Queue-RT::Ticket'), (3, 'Team', 'Freeform', 'RT::Queue');
INSERT INTO customfieldvalues (id, customfield, name, description, created) VALUES (7, 1, 'Acme', 'A-1', '2025-01-01');
INSERT INTO objectcustomfieldvalues (id, customfield, objecttype, objectid, content) VALUES
  (1, 3, 'RT::Queue', 1, 'N-1'), (2, 1, 'RT::Ticket', 1, 'Acme'), (3, 2, 'RT::Ticket', 1, 'phone');
INSERT INTO tickets (id, effectiveid, queue, type, owner, subject, priority, status, lastupdated, creator, created) VALUES
  (1, 1, 1, 'ticket', 1, 'Mail is down', 2, 'open', '2026-03-02 11:40', 50, '2026-03-02 10:00'),
  (2, 2, 1, 'ticket', 6, 'Mail is down again', 3, 'new', '2026-03-03 09:00', 50, '2026-03-03 09:00'),
  (3, 2, 1, 'ticket', 6, 'Mail still down', 3, 'new', '2026-03-03 09:30', 50, '2026-03-03 09:10'),
  (4, 4, 1, 'ticket', 6, 'Spam', 3, 'new', '2026-03-04 09:00', 50, '2026-03-04 09:00');
INSERT INTO transactions (id, objecttype, objectid, timetaken, type, field, oldvalue, newvalue, creator, created) VALUES
  (1, 'RT::Group', 200, 0, 'Set', 'Name', 'Team X', 'Division-1', 10, '2026-02-01 00:00'),
  (2, 'RT::Group', 200, 0, 'Set', 'Name', 'Division-1', 'N-1', 10, '2026-03-01 00:00'),
  (10, 'RT::Ticket', 1, 0, 'Create', NULL, NULL, NULL, 50, '2026-03-02 10:00'),
  (11, 'RT::Ticket', 1, 0, 'Correspond', NULL, NULL, NULL, 50, '2026-03-02 10:00'),
  (12, 'RT::Ticket', 1, 0, 'Status', 'Status', 'new', 'open', 1, '2026-03-02 10:05'),
  (13, 'RT::Ticket', 1, 0, 'Set', 'Owner', '6', '1', 1, '2026-03-02 10:05'),
  (14, 'RT::Ticket', 1, 0, 'SetWatcher', 'Owner', '6', '1', 1, '2026-03-02 10:05'),
  (15, 'RT::Ticket', 1, 30, 'Correspond', NULL, NULL, NULL, 1, '2026-03-02 10:10'),
  (16, 'RT::Ticket', 1, 0, 'EmailRecord', NULL, NULL, NULL, 1, '2026-03-02 10:10'),
  (17, 'RT::Ticket', 1, 0, 'Comment', NULL, NULL, NULL, 1, '2026-03-02 10:20'),
  (18, 'RT::Ticket', 1, 0, 'CommentEmailRecord', NULL, NULL, NULL, 1, '2026-03-02 10:20'),
  (19, 'RT::Ticket', 1, 0, 'Set', 'Priority', '3', '2', 1, '2026-03-02 10:30'),
  (20, 'RT::Ticket', 1, 45, 'Set', 'TimeWorked', '30', '75', 1, '2026-03-02 11:00'),
  (21, 'RT::Ticket', 1, -15, 'Set', 'TimeWorked', '75', '60', 1, '2026-03-02 11:30'),
  (22, 'RT::Ticket', 1, -60, 'Set', 'TimeWorked', '60', '0', 2, '2026-03-02 11:40'),
  (30, 'RT::Ticket', 2, 0, 'Create', NULL, NULL, NULL, 50, '2026-03-03 09:00'),
  (31, 'RT::Ticket', 3, 0, 'Create', NULL, NULL, NULL, 50, '2026-03-03 09:10'),
  (32, 'RT::Ticket', 3, 0, 'AddLink', 'MergedInto', NULL, 'fsck.com-rt://example/ticket/2', 1, '2026-03-03 09:30'),
  (33, 'RT::Ticket', 2, 0, 'AddLink', 'MergedInto', NULL, 'fsck.com-rt://example/ticket/2', 1, '2026-03-03 09:30'),
  (40, 'RT::Ticket', 4, 0, 'Create', NULL, NULL, NULL, 50, '2026-03-04 09:00'),
  (41, 'RT::Ticket', 4, 0, 'Correspond', NULL, NULL, NULL, 50, '2026-03-04 09:00');
`;
