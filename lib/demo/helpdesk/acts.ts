import { rnd } from "../sql";
import type { Step } from "../step";
import { MAX_ROUNDS } from "./ticket-base";

/**
 * `acts`: every moment in a ticket's life, with who acted, before the end of
 * history. `kind` says what happens (records.ts decides what each kind
 * writes); `seq` orders a ticket's acts and matches their time order.
 *
 *   0 created · 10 moved to another queue · 20 triage (or merged / deleted)
 *   reply rounds i = 1..n: 100 tech replies, ticket pending · 101 customer answers
 *     · 102 tech works on it · 103 priority raised (round 1) · 104 reassigned (round 1)
 *   500 on hold · 510 off hold · 600 resolved · 700 customer reopens
 *   710 tech replies · 720 resolved again · 800 closed by the system
 *
 * Working minutes become instants through the ticket's clock (`bslot`); each act
 * gets its own second within its minute. Creation keeps its wall-clock time.
 */
/** Acts at a milestone of plan.ts; `bm` NULL means the ticket has no such act. */
const MILESTONE_ACTS = [
  { kind: 10, bm: "t.dispatch_bm", actor: "t.d" },
  { kind: 20, bm: "t.triage_bm", actor: "CASE WHEN t.fate = 'deleted' THEN t.d ELSE t.a END" },
  { kind: 500, bm: "t.hold_bm", actor: "t.closer" },
  { kind: 510, bm: "t.unhold_bm", actor: "t.closer" },
  { kind: 600, bm: "t.resolve_bm", actor: "t.closer" },
  { kind: 700, bm: "t.reopen_bm", actor: "NULL::int" },
  { kind: 710, bm: "t.rereply_bm", actor: "t.closer" },
  { kind: 720, bm: "t.reresolve_bm", actor: "t.closer" },
  { kind: 800, bm: "t.close_bm", actor: "NULL::int" },
];

/** Round i spans [rounds_bm + (i - 1) p, rounds_bm + i p); each act keeps to its own part of it. */
const roundKey = "(t.id * 8 + i)";
const roundTech = "CASE WHEN i = 1 THEN t.a ELSE t.closer END";
const ROUND_ACTS = [
  { kind: 100, offset: `floor(0.25 * t.p * ${rnd(roundKey, "round.reply")})::int`, actor: roundTech },
  { kind: 101, offset: `floor(0.35 * t.p + 0.3 * t.p * ${rnd(roundKey, "round.customer")})::int`, actor: "NULL::int" },
  { kind: 102, offset: `floor(0.7 * t.p + 0.1 * t.p * ${rnd(roundKey, "round.work")})::int`, actor: roundTech },
  { kind: 103, offset: "CASE WHEN i = 1 AND t.priority2 IS NOT NULL THEN floor(0.82 * t.p)::int END", actor: "t.a" },
  { kind: 104, offset: "CASE WHEN i = 1 AND t.b IS NOT NULL THEN floor(0.9 * t.p)::int END", actor: "t.a" },
];

/** A CASE over the act's kind; the plain (non-lateral) join with the kinds keeps this a cheap fan-out. */
const byKind = <T extends { kind: number }>(acts: T[], column: (act: T) => string) =>
  `CASE k.kind ${acts.map((act) => `WHEN ${act.kind} THEN ${column(act)}`).join(" ")} END`;
const kinds = (acts: { kind: number }[]) => `(VALUES ${acts.map((act) => `(${act.kind})`).join(", ")}) AS k(kind)`;

export const actSteps: Step[] = [
  {
    name: "acts",
    sql: `
      CREATE TEMP TABLE acts AS
      WITH scripted AS (
        SELECT t.id AS ticket_id, t.clock_id, k.kind AS seq, k.kind,
          ${byKind(MILESTONE_ACTS, (act) => act.bm)} AS bm,
          ${byKind(MILESTONE_ACTS, (act) => act.actor)} AS actor
        FROM plan t CROSS JOIN ${kinds(MILESTONE_ACTS)}
        UNION ALL
        SELECT t.id, t.clock_id, k.kind + 10 * i, k.kind,
          t.rounds_bm + (i - 1) * t.p + ${byKind(ROUND_ACTS, (act) => act.offset)},
          ${byKind(ROUND_ACTS, (act) => act.actor)}
        FROM plan t
        JOIN generate_series(1, ${MAX_ROUNDS}) i ON i <= t.n_rounds
        CROSS JOIN ${kinds(ROUND_ACTS)}
      )
      SELECT * FROM (
        SELECT x.ticket_id, x.seq, x.kind, x.actor,
          s.start_at + make_interval(mins => x.bm % 60,
                                     secs => floor(60 * ${rnd("x.ticket_id * 1024 + x.seq", "act.second")})) AS at
        FROM scripted x
        JOIN bslot s ON s.clock_id = x.clock_id AND s.n = x.bm / 60
        UNION ALL
        SELECT id, 0, 0, CASE WHEN channel = 'phone' THEN a0 END, created_at FROM plan
      ) a
      WHERE a.at < pg_temp.end_ts();
      ANALYZE acts;
    `,
  },
];
