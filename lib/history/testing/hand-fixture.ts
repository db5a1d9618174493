/**
 * A small history a person can replay by hand (all times UTC, 2026-03-01):
 *   101 08:00 new, Email Support, prio 3, unassigned; 09:00 → ann; 10:00 → Phone; 12:00 → open
 *   102 08:00 new, Email Support, prio 2, bob;        11:00 → resolved; 15:00 → open (reopened)
 *   103 09:30 new, Phone, prio 1;                      12:00 → open then → merged (same instant, merged has the higher id)
 *   104 10:00 new, Email Support, prio 4;              12:00 → deleted
 *   105 13:00 new, Email Support, prio 2               (does not exist before 13:00)
 *   106 11:00 new, Phone, prio 3, ann;                 12:00 → resolved then → pending (same instant), and unassigned
 * Team 1 (queue Email Support) is "Team X", renamed "Division-1" at 2026-03-02 00:00; team 2 (queue Phone) is "Ops".
 * The tickets table says every ticket is closed, in Phone, assigned to bob: the report must not believe it.
 */
export const HAND_FIXTURE = `
  INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
  INSERT INTO techs VALUES (1, 'ann', 'Ann A', 1, '2020-01-01', NULL), (2, 'bob', 'Bob B', 1, '2020-01-01', NULL);
  INSERT INTO teams VALUES (1), (2);
  INSERT INTO team_names VALUES (1, 'Team X', '2026-01-01T00:00Z'), (1, 'Division-1', '2026-03-02T00:00Z'), (2, 'Ops', '2026-01-01T00:00Z');
  INSERT INTO queues VALUES (1, 'Email Support', 1), (2, 'Phone', 2);
  INSERT INTO customers VALUES (1, 'Acme', NULL, '2020-01-01');
  INSERT INTO tickets SELECT id, 1, 'T' || id, 'email', 4, c::timestamptz, 'closed', 2, 2, now(), NULL, NULL
    FROM (VALUES (101, '2026-03-01T08:00Z'), (102, '2026-03-01T08:00Z'), (103, '2026-03-01T09:30Z'),
                 (104, '2026-03-01T10:00Z'), (105, '2026-03-01T13:00Z'), (106, '2026-03-01T11:00Z')) v(id, c);
  INSERT INTO ticket_events VALUES
    (1, 101, '2026-03-01T08:00Z', NULL, 'status', NULL, 'new'),
    (2, 101, '2026-03-01T08:00Z', NULL, 'queue', NULL, '1'),
    (3, 101, '2026-03-01T08:00Z', NULL, 'priority', NULL, '3'),
    (4, 102, '2026-03-01T08:00Z', NULL, 'status', NULL, 'new'),
    (5, 102, '2026-03-01T08:00Z', NULL, 'queue', NULL, '1'),
    (6, 102, '2026-03-01T08:00Z', NULL, 'priority', NULL, '2'),
    (7, 102, '2026-03-01T08:00Z', NULL, 'assignee', NULL, '2'),
    (8, 101, '2026-03-01T09:00Z', 1, 'assignee', NULL, '1'),
    (9, 103, '2026-03-01T09:30Z', NULL, 'status', NULL, 'new'),
    (10, 103, '2026-03-01T09:30Z', NULL, 'queue', NULL, '2'),
    (11, 103, '2026-03-01T09:30Z', NULL, 'priority', NULL, '1'),
    (12, 101, '2026-03-01T10:00Z', 1, 'queue', '1', '2'),
    (13, 104, '2026-03-01T10:00Z', NULL, 'status', NULL, 'new'),
    (14, 104, '2026-03-01T10:00Z', NULL, 'queue', NULL, '1'),
    (15, 104, '2026-03-01T10:00Z', NULL, 'priority', NULL, '4'),
    (16, 102, '2026-03-01T11:00Z', 2, 'status', 'new', 'resolved'),
    (17, 106, '2026-03-01T11:00Z', NULL, 'status', NULL, 'new'),
    (18, 106, '2026-03-01T11:00Z', NULL, 'queue', NULL, '2'),
    (19, 106, '2026-03-01T11:00Z', NULL, 'priority', NULL, '3'),
    (20, 106, '2026-03-01T11:00Z', NULL, 'assignee', NULL, '1'),
    (21, 101, '2026-03-01T12:00Z', 1, 'status', 'new', 'open'),
    (22, 103, '2026-03-01T12:00Z', 1, 'status', 'new', 'open'),
    (23, 103, '2026-03-01T12:00Z', 1, 'status', 'open', 'merged'),
    (24, 104, '2026-03-01T12:00Z', 1, 'status', 'new', 'deleted'),
    (26, 106, '2026-03-01T12:00Z', 1, 'status', 'new', 'resolved'),
    (25, 106, '2026-03-01T12:00Z', 1, 'assignee', '1', NULL),
    (27, 106, '2026-03-01T12:00Z', 1, 'status', 'resolved', 'pending'),
    (28, 105, '2026-03-01T13:00Z', NULL, 'status', NULL, 'new'),
    (29, 105, '2026-03-01T13:00Z', NULL, 'queue', NULL, '1'),
    (30, 105, '2026-03-01T13:00Z', NULL, 'priority', NULL, '2'),
    (31, 102, '2026-03-01T15:00Z', 2, 'status', 'resolved', 'open');`;
