/**
 * A hand-made helpdesk for the scorecard tests. The range under test is
 * 2026-03-23 (Mon) .. 2026-04-05 (Sun) in UTC, i.e. [2026-03-23T00:00Z,
 * 2026-04-06T00:00Z). Chicago is on CDT (UTC−5) throughout; London moves
 * from GMT to BST at 2026-03-29T01:00Z, inside the range.
 *
 * Acts are labelled (A1 … for ann, G1 … for gus, L1 … for lia, M1 … for
 * max, E1 … for lee) so that the expected numbers in scorecard.test.ts can
 * point at them. Times are UTC; "local" is the tech's office time.
 */
export const SCORECARD_FIXTURE = `
INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago'), (2, 'London', 'Europe/London');

INSERT INTO techs VALUES
  (1, 'ann', 'Ann Archer', 1, '2024-01-01', NULL),   -- steady worker, team 10
  (2, 'gus', 'Gus Gamer',  1, '2024-01-01', NULL),   -- writes empty notes at night, team 10
  (3, 'lia', 'Lia Lund',   2, '2024-01-01', NULL),   -- London, across the clock change, team 20
  (4, 'max', 'Max Mover',  1, '2024-01-01', NULL),   -- moves from team 20 to team 10 on 2026-04-01
  (5, 'lee', 'Lee Left',   2, '2024-01-01', '2026-03-31'), -- left during the range, last team 20
  (6, 'nia', 'Nia Idle',   1, '2024-01-01', NULL);   -- acts only just outside the range: no row

INSERT INTO teams VALUES (10), (20);
-- Team 10 is renamed inside the range and again after it.
INSERT INTO team_names VALUES
  (10, 'Team X',     '2025-01-01T00:00Z'),
  (10, 'Division-1', '2026-03-30T00:00Z'), -- midnight: the first instant of 03-30
  (10, 'N-1',        '2026-06-01T00:00Z'),
  (20, 'Blue',       '2025-01-01T00:00Z');
INSERT INTO team_members VALUES
  (1, 10, '2025-01-01T00:00Z', NULL),
  (2, 10, '2025-01-01T00:00Z', NULL),
  (3, 20, '2025-01-01T00:00Z', NULL),
  (4, 20, '2025-01-01T00:00Z', '2026-04-01T00:00Z'),
  (4, 10, '2026-04-01T00:00Z', NULL),
  (5, 20, '2025-01-01T00:00Z', '2026-03-31T17:00Z'),
  (6, 20, '2025-01-01T00:00Z', NULL);

INSERT INTO customers VALUES (1, 'Acme', NULL, '2024-01-01T00:00Z');
INSERT INTO queues VALUES (1, 'Support', 10), (2, 'Billing', 20);

INSERT INTO tickets (id, customer_id, subject, channel, priority, created_at, status, queue_id, assignee_id, updated_at, resolved_at, merged_into_id)
SELECT id, 1, 'Ticket ' || id, 'email', 3, created::timestamptz, 'open', 1, NULL, created::timestamptz, NULL, NULL
FROM (VALUES
  (101, '2026-03-24T14:00Z'), (102, '2026-03-25T13:00Z'), (103, '2026-04-05T22:00Z'),
  (104, '2026-03-20T12:00Z'), (105, '2026-03-20T12:00Z'), (106, '2026-03-26T14:00Z'),
  (107, '2026-03-26T14:00Z'), (108, '2026-04-05T23:30Z'), (109, '2026-03-22T23:00Z'),
  (201, '2026-03-01T12:00Z'), (202, '2026-03-01T12:00Z'), (203, '2026-03-26T06:00Z'),
  (204, '2026-03-01T12:00Z'), (205, '2026-03-01T12:00Z'), (206, '2026-03-01T12:00Z'),
  (207, '2026-03-01T12:00Z'), (208, '2026-03-01T12:00Z'), (209, '2026-03-27T14:00Z'),
  (301, '2026-03-27T07:00Z'), (302, '2026-03-29T22:00Z'), (401, '2026-03-24T15:00Z'),
  (501, '2026-03-20T09:00Z'), (601, '2026-04-05T20:00Z')
) AS v(id, created);

INSERT INTO ticket_comments VALUES
  (1,   101, NULL, '2026-03-24T14:05:00Z', 'public',   'Any news?', 0.0),         -- the customer: never an act, never a reply
  (101, 101, 1,    '2026-03-24T14:30:00Z', 'public',   'On it', 1.0),             -- A1  first reply of 101: 30 min
  (102, 101, 1,    '2026-03-24T15:00:00Z', 'internal', 'Checked logs', 0.5),      -- A2  A1 exactly 30 min before: not bare
  (103, 102, 1,    '2026-03-25T13:10:00Z', 'internal', 'Looking', 0.5),           -- A5  nearest other act A6 is 30:01 after: bare
  (104, 102, 1,    '2026-03-25T14:30:00Z', 'public',   'Fixed?', 1.0),            -- A7  first reply of 102: 90 min
  (105, 103, 1,    '2026-04-05T22:30:00Z', 'public',   'Sunday fix', 1.0),        -- A8  Sun 17:30 local; first reply of 103: 30 min
  (107, 106, 1,    '2026-03-26T14:45:00Z', 'public',   'Tie, lower id', 1.0),     -- A12 ties G1 on the instant, wins on id: 45 min
  (108, 106, 2,    '2026-03-26T14:45:00Z', 'public',   'Tie, higher id', 1.0),    -- G1
  (109, 107, 1,    '2026-03-26T15:05:00Z', 'public',   'Lower id, later', 1.0),   -- A13 after G2 although its id is lower
  (110, 108, 1,    '2026-04-06T01:00:00Z', 'public',   'After the range', 1.0),   -- A14 outside the range; still 108's first reply: 90 min
  (111, 109, 1,    '2026-03-23T00:10:00Z', 'public',   'Old ticket', 1.0),        -- A15 Sun 19:10 local; 109 was created before the range
  (120, 107, 2,    '2026-03-26T15:00:00Z', 'public',   'First on 107', 1.0),      -- G2  first reply of 107: 60 min
  (121, 201, 2,    '2026-03-26T06:00:00Z', 'internal', '.', 0.5),                 -- G3  01:00 local, alone: bare
  (122, 202, 2,    '2026-03-26T06:10:00Z', 'internal', '.', 0.5),                 -- G4  only another note near: bare
  (123, 202, 2,    '2026-03-26T06:20:00Z', 'internal', '.', 0.5),                 -- G5  only another note near: bare
  (124, 203, 2,    '2026-03-26T06:30:00Z', 'internal', '.', 0.5),                 -- G6  M3 (another tech) 5 min after: bare
  (125, 204, 2,    '2026-03-26T06:40:00Z', 'internal', '.', 0.5),                 -- G7  G8 at the same instant but on ticket 205: bare
  (126, 206, 2,    '2026-03-23T00:10:00Z', 'internal', 'note', 0.5),              -- G9  event 1 20 min before, outside the range: not bare
  (127, 207, 2,    '2026-04-05T23:50:00Z', 'internal', 'note', 0.5),              -- G10 time entry 4 25 min after, outside the range: not bare
  (128, 208, 2,    '2026-03-27T14:00:00Z', 'internal', 'note', 0.5),              -- G11 G12 exactly 30 min after: not bare
  (129, 209, 2,    '2026-03-27T15:00:00Z', 'internal', '.', 0.5),                 -- G13 G14 is 30:01 before: bare
  (130, 209, 2,    '2026-03-27T14:29:59Z', 'public',   'Hi', 1.0),                -- G14 first reply of 209: 29 min 59 s
  (301, 301, 3,    '2026-03-27T07:30:00Z', 'public',   'Morning', 1.0),           -- L1  Fri 07:30 GMT: after hours; first reply of 301: 30 min
  (302, 302, 3,    '2026-03-30T07:00:00Z', 'internal', 'Plan', 0.5),              -- L4  Mon 08:00 BST: in hours; L5 exactly 30 min after
  (303, 302, 3,    '2026-03-30T07:30:00Z', 'public',   'Done', 1.0),              -- L5  Mon 08:30 BST: in hours; first reply of 302: 570 min
  (401, 401, 4,    '2026-03-24T16:00:00Z', 'public',   'Hello', 1.0),             -- M1  first reply of 401: 60 min
  (402, 401, 4,    '2026-04-02T03:00:00Z', 'internal', '.', 0.5),                 -- M2  Wed 22:00 local, alone: bare
  (403, 203, 4,    '2026-03-26T06:35:00Z', 'public',   'Night reply', 1.0),       -- M3  01:35 local; first reply of 203: 35 min
  (501, 501, 5,    '2026-03-25T10:20:00Z', 'internal', 'Handover', 0.5),          -- E2  E1 20 min before: not bare
  (601, 601, 6,    '2026-04-06T00:00:00Z', 'public',   'At the end', 1.0),        -- nia, exactly at the end: outside
  (602, 109, 6,    '2026-03-22T23:59:59Z', 'public',   'Before', 1.0);            -- nia, a second before the start: outside

INSERT INTO ticket_events VALUES
  (1,  206, '2026-03-22T23:50:00Z', 2,    'status', 'open',     'pending'),  -- gus, outside the range (neighbour of G9)
  (2,  101, '2026-03-24T15:40:00Z', 1,    'status', 'open',     'resolved'), -- A4  resolve
  (3,  101, '2026-03-26T10:00:00Z', NULL, 'status', 'resolved', 'open'),     --     reopened 1 d 18 h later: counts
  (4,  208, '2026-03-27T14:30:00Z', 2,    'status', 'open',     'pending'),  -- G12
  (5,  301, '2026-03-28T12:00:00Z', 3,    'status', 'open',     'pending'),  -- L3  Saturday: after hours
  (6,  302, '2026-03-31T17:00:00Z', 3,    'status', 'pending',  'resolved'), -- L7  Tue 18:00 BST: after hours; never reopened
  (7,  104, '2026-03-31T20:00:00Z', 1,    'status', 'open',     'resolved'), -- A10 resolve, Tue 15:00 local
  (8,  105, '2026-04-01T16:00:00Z', 1,    'status', 'open',     'resolved'), -- A11 resolve
  (9,  105, '2026-04-02T10:00:00Z', NULL, 'status', 'resolved', 'closed'),   --     left resolved for closed: not a reopen
  (10, 105, '2026-04-03T10:00:00Z', NULL, 'status', 'closed',   'open'),
  (11, 103, '2026-04-05T23:00:00Z', 1,    'status', 'open',     'resolved'), -- A9  resolve on the last evening, Sun 18:00 local
  (12, 104, '2026-04-14T20:00:01Z', NULL, 'status', 'resolved', 'open'),     --     14 days and 1 s after A10: too late
  (13, 103, '2026-04-19T23:00:00Z', NULL, 'status', 'resolved', 'open');     --     exactly 14 days after A9, past the range: counts

INSERT INTO time_entries VALUES
  (1, 101, 1, '2026-03-24T14:20:00Z', 25, true,  'Logs'),     -- A3
  (2, 102, 1, '2026-03-25T13:40:01Z', 20, true,  'Fix'),      -- A6
  (3, 205, 2, '2026-03-26T06:40:00Z', 15, false, 'Night'),    -- G8  01:40 local
  (4, 207, 2, '2026-04-06T00:15:00Z', 30, false, 'Late'),     -- gus, outside the range: not logged, but G10's neighbour
  (5, 301, 3, '2026-03-27T17:30:00Z', 60, true,  'Call'),     -- L2  Fri 17:30 GMT: in hours
  (6, 302, 3, '2026-03-31T16:59:59Z', 30, true,  'Wrap up'),  -- L6  Tue 17:59:59 BST: in hours
  (7, 501, 5, '2026-03-25T10:00:00Z', 45, true,  'Handover'), -- E1
  (8, 601, 6, '2026-03-22T23:30:00Z', 60, true,  'Started before'); -- nia: started before the range, not counted
`;
