import type { ScorecardRow } from "./row";

/*
 * Every column of every tech over 2026-03-23 .. 2026-04-05 (UTC), worked out
 * from fixture.ts. Labels (A1, G3 …) are the acts there.
 */
export const EXPECTED = {
  lee: {
    tech_id: 5,
    login: "lee",
    full_name: "Lee Left",
    team: "Blue", // left on 2026-03-31: their last team, 20, by its name at the end of the range
    public_replies: 0,
    internal_notes: 1, // E2
    credit: "0.5",
    bare_notes: 0, // E1 is 20 min before E2
    minutes_logged: 45, // E1
    tickets_touched: 1, // 501
    tickets_resolved: 0,
    reopened: 0,
    median_first_reply_minutes: null,
    after_hours_share: 0, // E1 Wed 10:00 GMT, E2 10:20: 0 of 2
  },
  lia: {
    tech_id: 3,
    login: "lia",
    full_name: "Lia Lund",
    team: "Blue",
    public_replies: 2, // L1, L5
    internal_notes: 1, // L4
    credit: "2.5", // 1 + 1 + 0.5
    bare_notes: 0, // L4: L5 exactly 30 min after
    minutes_logged: 90, // L2 60 + L6 30
    tickets_touched: 2, // 301, 302
    tickets_resolved: 1, // L7
    reopened: 0, // 302 has no later status event
    median_first_reply_minutes: 300, // 301: 30, 302: 570 (22:00 → 07:30 next day); (30 + 570) / 2
    // London: L1 Fri 07:30 GMT after, L2 Fri 17:30 GMT in, L3 Saturday after, L4 Mon 08:00 BST in,
    // L5 08:30 BST in, L6 Tue 17:59:59 BST in, L7 18:00 BST after: 3 of 7 = 0.4286
    // (read in UTC it would be 4 of 7: L4 and L5 before 08:00, L7 before 18:00)
    after_hours_share: 0.43,
  },
  ann: {
    tech_id: 1,
    login: "ann",
    full_name: "Ann Archer",
    team: "Division-1", // team 10, renamed 2026-03-30T00:00Z; N-1 only from June
    public_replies: 6, // A1, A7, A8, A12, A13, A15 (A14 is after the range)
    internal_notes: 2, // A2, A5
    credit: "7.0", // 6 × 1 + 2 × 0.5
    bare_notes: 1, // A5 (A6 is 30:01 after); A2 has A1 exactly 30 min before
    minutes_logged: 45, // A3 25 + A6 20
    tickets_touched: 8, // 101, 102, 103, 104, 105, 106, 107, 109
    tickets_resolved: 4, // A4, A9, A10, A11
    reopened: 2, // A4 (1 d 18 h), A9 (exactly 14 d, past the range); not A10 (14 d 1 s), not A11 (closed first)
    median_first_reply_minutes: 45, // 101: 30, 102: 90, 103: 30, 106: 45 (tie won on id), 108: 90 → 30 30 45 90 90
    after_hours_share: 0.21, // A8, A9 (Sunday), A15 (Sunday 19:10 local): 3 of 14 = 0.2143
  },
  gus: {
    tech_id: 2,
    login: "gus",
    full_name: "Gus Gamer",
    team: "Division-1",
    public_replies: 3, // G1, G2, G14
    internal_notes: 9, // G3, G4, G5, G6, G7, G9, G10, G11, G13
    credit: "7.5", // 3 × 1 + 9 × 0.5
    bare_notes: 6, // G3, G4, G5, G6, G7, G13; not G9, G10 (neighbours outside the range), G11 (exactly 30 min)
    minutes_logged: 15, // G8; time entry 4 starts after the range
    tickets_touched: 11, // 106, 107, 201–209
    tickets_resolved: 0,
    reopened: 0,
    median_first_reply_minutes: (60 + (29 + 59 / 60)) / 2, // 107: 60, 209: 29 min 59 s; 106 lost the tie: 44 min 59.5 s
    after_hours_share: 0.57, // G3–G8 (01:00–01:40 local), G9, G10 (Sundays): 8 of 14 = 0.5714
  },
  max: {
    tech_id: 4,
    login: "max",
    full_name: "Max Mover",
    team: "Division-1", // moved from team 20 to team 10 on 2026-04-01: filed under the team at the end
    public_replies: 2, // M1, M3
    internal_notes: 1, // M2
    credit: "2.5",
    bare_notes: 1, // M2
    minutes_logged: 0,
    tickets_touched: 2, // 401, 203
    tickets_resolved: 0,
    reopened: 0,
    median_first_reply_minutes: 47.5, // 401: 60, 203: 35; (60 + 35) / 2
    after_hours_share: 0.67, // M2 (22:00 local), M3 (01:35 local): 2 of 3
  },
} satisfies Record<string, ScorecardRow>;
