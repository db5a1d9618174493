import { pickText, rnd } from "../sql";
import type { Step } from "../step";
import {
  CUSTOMER_OPENINGS,
  CUSTOMER_REPLIES,
  HOLD_NOTES,
  INTERNAL_NOTES,
  TECH_REPLIES,
  TECH_RESOLUTIONS,
} from "../words";

/**
 * `cm`: the comment an act writes, if any: the first rule that matches the
 * act's kind (acts.ts) and condition. Techs' public replies earn the old
 * cruncher's 1.0, their internal notes 0.5, the customer's words 0.
 */
interface CommentRule {
  kind: number;
  by: "tech" | "customer";
  visibility: "public" | "internal";
  body: string;
  when?: string;
}

const key = "x.ticket_id * 1024 + x.seq";
const pick = (texts: readonly string[]) => pickText(texts, key, "comment.body");

const RULES: CommentRule[] = [
  {
    kind: 0,
    by: "customer",
    visibility: "public",
    body: pick(CUSTOMER_OPENINGS),
    when: `x.channel IN ('email', 'portal') AND ${rnd(key, "comment.opening")} < 0.9`,
  },
  { kind: 20, by: "tech", visibility: "public", body: pick(TECH_REPLIES), when: "x.fate = 'normal'" },
  {
    kind: 20,
    by: "tech",
    visibility: "internal",
    body: "'Duplicate of #' || x.merged_into || ', merged.'",
    when: "x.fate = 'merged'",
  },
  { kind: 100, by: "tech", visibility: "public", body: pick(TECH_REPLIES) },
  { kind: 101, by: "customer", visibility: "public", body: pick(CUSTOMER_REPLIES) },
  {
    kind: 102,
    by: "tech",
    visibility: "internal",
    body: pick(INTERNAL_NOTES),
    when: `${rnd(key, "comment.note")} < 0.4`,
  },
  { kind: 500, by: "tech", visibility: "internal", body: pick(HOLD_NOTES) },
  { kind: 600, by: "tech", visibility: "public", body: pick(TECH_RESOLUTIONS) },
  { kind: 700, by: "customer", visibility: "public", body: pick(CUSTOMER_REPLIES) },
  { kind: 710, by: "tech", visibility: "public", body: pick(TECH_REPLIES) },
  { kind: 720, by: "tech", visibility: "public", body: pick(TECH_RESOLUTIONS) },
];

const credit = (rule: CommentRule) => (rule.by === "customer" ? "0.0" : rule.visibility === "public" ? "1.0" : "0.5");
/** Which rule applies, or NULL: the first match in RULES. */
const ruleOf = `CASE ${RULES.map((rule, i) => `WHEN x.kind = ${rule.kind}${rule.when ? ` AND ${rule.when}` : ""} THEN ${i}`).join(" ")} END`;
const byRule = (column: (rule: CommentRule) => string) =>
  `CASE ${ruleOf} ${RULES.map((rule, i) => `WHEN ${i} THEN ${column(rule)}`).join(" ")} END`;

export const commentSteps: Step[] = [
  {
    name: "ticket comments (staged)",
    sql: `
      CREATE TEMP TABLE cm AS
      SELECT x.ticket_id, x.seq * 8 AS ord, x.at AS created_at,
        ${byRule((rule) => (rule.by === "tech" ? "x.actor" : "NULL::int"))} AS author_id,
        ${byRule((rule) => `'${rule.visibility}'`)} AS visibility,
        ${byRule((rule) => rule.body)} AS body,
        ${byRule(credit)}::numeric(2, 1) AS credit
      FROM (
        SELECT a.ticket_id, a.seq, a.kind, a.at, a.actor, t.channel, t.fate, t.merged_into
        FROM acts a JOIN plan t ON t.id = a.ticket_id
      ) x
      WHERE ${ruleOf} IS NOT NULL;
      ANALYZE cm;
    `,
  },
];
