import type { Step } from "../step";

/**
 * `ev`: the field changes each act records (acts.ts lists the kinds). At
 * creation one row per field with no old value; afterwards one row per
 * changed field with its previous value. Queue and assignee values are ids;
 * an assignee of NULL means unassigned. `ord` orders a ticket's events, so
 * rows of one act (same instant) keep the order listed here.
 */
interface EventRule {
  kind: number;
  field: "status" | "queue" | "priority" | "assignee";
  from: string;
  to: string;
  when?: string;
}

const status = (value: string) => `'${value}'`;

const RULES: EventRule[] = [
  { kind: 0, field: "status", from: "NULL", to: status("new") },
  { kind: 0, field: "queue", from: "NULL", to: "t.queue0::text" },
  { kind: 0, field: "priority", from: "NULL", to: "t.priority0::text" },
  { kind: 0, field: "assignee", from: "NULL", to: "t.a0::text", when: "t.a0 IS NOT NULL" },
  { kind: 10, field: "queue", from: "t.queue0::text", to: "t.queue1::text" },
  { kind: 10, field: "assignee", from: "t.a0::text", to: "NULL", when: "t.a0 IS NOT NULL" },
  {
    kind: 20,
    field: "priority",
    from: "t.priority0::text",
    to: "t.priority1::text",
    when: "t.fate = 'normal' AND t.priority1 <> t.priority0",
  },
  {
    kind: 20,
    field: "assignee",
    from: "CASE WHEN NOT t.moved THEN t.a0::text END",
    to: "t.a::text",
    when: "t.fate = 'normal' AND (t.moved OR t.a0 IS DISTINCT FROM t.a)",
  },
  { kind: 20, field: "status", from: status("new"), to: "CASE WHEN t.fate = 'normal' THEN 'open' ELSE t.fate END" },
  { kind: 100, field: "status", from: status("open"), to: status("pending") },
  { kind: 101, field: "status", from: status("pending"), to: status("open") },
  { kind: 103, field: "priority", from: "t.priority1::text", to: "t.priority2::text" },
  { kind: 104, field: "assignee", from: "t.a::text", to: "t.b::text" },
  { kind: 500, field: "status", from: status("open"), to: status("on_hold") },
  { kind: 510, field: "status", from: status("on_hold"), to: status("open") },
  { kind: 600, field: "status", from: status("open"), to: status("resolved") },
  { kind: 700, field: "status", from: status("resolved"), to: status("open") },
  { kind: 720, field: "status", from: status("open"), to: status("resolved") },
  { kind: 800, field: "status", from: status("resolved"), to: status("closed") },
];

/** A plain (non-lateral) list of (kind, rule): the join fans each act out to its candidate rows. */
const ruleList = RULES.map((rule, i) => `(${rule.kind}, ${i})`).join(", ");
const byRule = (column: (rule: EventRule) => string) =>
  `CASE r.rule ${RULES.map((rule, i) => `WHEN ${i} THEN ${column(rule)}`).join(" ")} END`;
/** Position of the rule among its kind's rules: the row's place within the act. */
const sub = (rule: EventRule) => String(RULES.filter((other) => other.kind === rule.kind).indexOf(rule));

export const eventSteps: Step[] = [
  {
    name: "ticket events (staged)",
    sql: `
      CREATE TEMP TABLE ev AS
      SELECT a.ticket_id, a.seq * 8 + ${byRule(sub)} AS ord, a.at, a.actor,
        ${byRule((rule) => `'${rule.field}'`)} AS field,
        ${byRule((rule) => rule.from)} AS old_value,
        ${byRule((rule) => rule.to)} AS new_value
      FROM acts a
      JOIN (VALUES ${ruleList}) AS r(kind, rule) ON r.kind = a.kind
      JOIN plan t ON t.id = a.ticket_id
      WHERE ${byRule((rule) => rule.when ?? "true")};
      ANALYZE ev;
    `,
  },
];
