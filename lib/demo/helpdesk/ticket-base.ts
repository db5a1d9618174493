import { MERIDIAN, QUEUE_IDS, QUEUES, SENIOR_IDS } from "../catalog";
import { rnd, textArray, weighted } from "../sql";
import type { Step } from "../step";
import {
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  FIRST_NAMES,
  IDN_DOMAINS,
  LAST_NAMES,
  PLANTED_SUBJECTS,
  SUBJECTS,
  TLDS,
} from "../words";

/**
 * `ticket_base`: what each ticket is, drawn by hash of its id: customer
 * (Meridian's share planted in the last year), queue, channel, subject,
 * priority, how it ends (normal, merged into the customer's previous ticket
 * of the last 30 days, deleted), how many reply rounds, and what happens on
 * the way (moved, reprioritised, reassigned, on hold, reopened).
 */
const chicagoQueues = QUEUES.filter((q) => q.team <= 4).map((q) => [String(q.id), q.share] as const);
const londonQueues = QUEUES.filter((q) => q.team > 4).map((q) => [String(q.id), q.share] as const);
/*
 * Eight draws per queue: its six subjects, the planted one (if the queue has
 * one) taking three of the eight, so the planted recurring kinds stand out.
 * The draw depends only on the ticket id: nothing but the subject changes.
 */
const subjectsPerQueue = 8;
const subjects = QUEUES.flatMap((q) => {
  const six = SUBJECTS[q.id] ?? [];
  const planted = six.find((s) => (PLANTED_SUBJECTS as readonly string[]).includes(s));
  return planted ? [...six, planted, planted] : [...six, ...six.slice(0, 2)];
});
/** A customer's domain (its IDN one for one in twenty), a person's address there, a server and an address. */
const domain = `CASE WHEN ${rnd("s.customer_id", "subject.idn")} < 0.05
    THEN (${textArray(IDN_DOMAINS)})[1 + pg_temp.rint(s.customer_id, 'subject.idn_which', ${IDN_DOMAINS.length})]
    ELSE lower((${textArray(COMPANY_PREFIXES)})[1 + pg_temp.rint(s.customer_id, 'subject.prefix', ${COMPANY_PREFIXES.length})]
      || (${textArray(COMPANY_SUFFIXES)})[1 + pg_temp.rint(s.customer_id, 'subject.suffix', ${COMPANY_SUFFIXES.length})])
      || '.' || (${textArray(TLDS)})[1 + pg_temp.rint(s.customer_id, 'subject.tld', ${TLDS.length})] END`;
const email = `lower((${textArray(FIRST_NAMES)})[1 + pg_temp.rint(s.id, 'subject.first', ${FIRST_NAMES.length})] || '.'
    || (${textArray(LAST_NAMES)})[1 + pg_temp.rint(s.id, 'subject.last', ${LAST_NAMES.length})]) || '@' || ${domain}`;
const fillSubject = (picked: string) => `
  replace(replace(replace(replace(replace(${picked},
    '{domain}', ${domain}),
    '{email}', ${email}),
    '{n}', lpad((1 + pg_temp.rint(s.id, 'subject.server', 24))::text, 2, '0')),
    '{ip}', '10.' || pg_temp.rint(s.customer_id, 'subject.net', 250) || '.' || pg_temp.rint(s.id, 'subject.c', 250) || '.' || (1 + pg_temp.rint(s.id, 'subject.d', 250))),
    '{date}', to_char(s.created_at + interval '30 days', 'FMDD Mon YYYY'))`;

/** Weighted choices: [SQL value, weight]. */
const ROUNDS = [
  ["0", 35],
  ["1", 35],
  ["2", 18],
  ["3", 8],
  ["4", 4],
] as const;
/** Reply rounds are 0..MAX_ROUNDS (acts.ts lays them out). */
export const MAX_ROUNDS = ROUNDS.length - 1;
const ALERT_CHANNELS = [
  ["'monitoring'", 90],
  ["'email'", 10],
] as const;
const CHANNELS = [
  ["'email'", 50],
  ["'portal'", 28],
  ["'phone'", 17],
  ["'monitoring'", 5],
] as const;
const MAJOR_INCIDENT_PRIORITIES = [
  ["1", 60],
  ["2", 40],
] as const;
const ALERT_PRIORITIES = [
  ["1", 25],
  ["2", 40],
  ["3", 30],
  ["4", 5],
] as const;
const PRIORITIES = [
  ["1", 4],
  ["2", 18],
  ["3", 53],
  ["4", 25],
] as const;

export const ticketBaseSteps: Step[] = [
  {
    name: "ticket draws",
    sql: `
      CREATE TEMP TABLE ticket_base AS
      WITH drawn AS (
        SELECT a.*,
          a.office_id = 1 AND NOT a.spike AND a.created_at >= pg_temp.end_ts() - interval '365 days'
            AND ${rnd("a.id", "meridian")} < ${MERIDIAN.ticketShare} / greatest(1, pg_temp.scale()) AS meridian,
          ${rnd("a.id", "queue")} AS u_queue, ${rnd("a.id", "channel")} AS u_channel,
          ${rnd("a.id", "priority")} AS u_priority, ${rnd("a.id", "fate")} AS u_fate,
          ${rnd("a.id", "rounds")} AS u_rounds
        FROM arrival a
      ), shaped AS (
        SELECT d.*,
          CASE WHEN d.spike THEN ${QUEUE_IDS.emailSupport}
               WHEN d.meridian THEN ${QUEUE_IDS.webHosting}
               WHEN d.office_id = 1 THEN ${weighted("d.u_queue", chicagoQueues)}
               ELSE ${weighted("d.u_queue", londonQueues)} END AS queue0,
          CASE WHEN d.meridian THEN ${MERIDIAN.customerId}
               ELSE 1 + (floor(pg_temp.n_customers() * power(${rnd("d.id", "customer")}, 1.5))::bigint * 7919)
                        % pg_temp.n_customers() END::int AS customer_id,
          ${weighted("d.u_rounds", ROUNDS)} AS rounds
        FROM drawn d
      ), typed AS MATERIALIZED (
        SELECT s.*,
          CASE WHEN s.queue0 = ${QUEUE_IDS.monitoring} THEN ${weighted("s.u_channel", ALERT_CHANNELS)}
               ELSE ${weighted("s.u_channel", CHANNELS)} END AS channel,
          ${fillSubject(`(${textArray(subjects)})[(s.queue0 - 1) * ${subjectsPerQueue} + 1 + floor(${rnd("s.id", "subject")} * ${subjectsPerQueue})::int]`)} AS subject,
          NOT s.meridian AND NOT s.spike AND ${rnd("s.id", "moved")} < 0.08 AS moved,
          -- Email Support tickets of the spike week wait far longer: the backlog builds, then drains.
          s.queue0 = ${QUEUE_IDS.emailSupport}
            AND (s.created_at AT TIME ZONE 'America/Chicago')::date - pg_temp.spike_day() BETWEEN 0 AND 6 AS in_spike
        FROM shaped s
      ), routed AS (
        SELECT t.*,
          CASE WHEN t.queue0 = ${QUEUE_IDS.majorIncidents} THEN ${weighted("t.u_priority", MAJOR_INCIDENT_PRIORITIES)}
               WHEN t.channel = 'monitoring' THEN ${weighted("t.u_priority", ALERT_PRIORITIES)}
               ELSE ${weighted("t.u_priority", PRIORITIES)} END AS priority0,
          CASE WHEN NOT t.moved THEN t.queue0
               WHEN t.office_id = 1 THEN 1 + (t.queue0 + pg_temp.rint(t.id, 'moved.to', 7)) % 8
               ELSE 9 + (t.queue0 - 8 + pg_temp.rint(t.id, 'moved.to', 3)) % 4 END AS queue1,
          lag(t.id) OVER (PARTITION BY t.customer_id ORDER BY t.id) AS previous_id,
          t.created_at - lag(t.created_at) OVER (PARTITION BY t.customer_id ORDER BY t.id) AS since_previous
        FROM typed t
      ), fated AS (
        SELECT r.*,
          CASE WHEN r.spike OR r.meridian THEN 'normal'
               WHEN r.u_fate < 0.02 THEN 'deleted'
               WHEN r.u_fate < 0.05 AND r.since_previous < interval '30 days' THEN 'merged'
               ELSE 'normal' END AS fate,
          q0.team_id AS team0, q1.team_id AS team1,
          floor(extract(epoch FROM r.created_at - pg_temp.start_ts()) / 604800)::int AS wk
        FROM routed r
        JOIN queues q0 ON q0.id = r.queue0
        JOIN queues q1 ON q1.id = r.queue1
      ), flagged AS (
        SELECT f.*,
          CASE WHEN f.fate = 'normal' THEN f.rounds ELSE 0 END AS n_rounds,
          f.channel = 'phone' AND ${rnd("f.id", "assigned_at_once")} < 0.7
            OR f.channel <> 'phone' AND ${rnd("f.id", "assigned_at_once")} < 0.04 AS assigned_at_once,
          CASE WHEN ${rnd("f.id", "priority.triage")} >= 0.06 THEN f.priority0
               WHEN f.priority0 = 1 THEN 2 WHEN f.priority0 = 4 THEN 3
               ELSE f.priority0 + CASE WHEN ${rnd("f.id", "priority.up")} < 0.5 THEN -1 ELSE 1 END END AS priority1,
          f.fate = 'normal' AND f.rounds >= 1 AND ${rnd("f.id", "escalate")} < 0.03 AS escalate,
          f.fate = 'normal' AND f.rounds >= 1 AND ${rnd("f.id", "reassign")} < 0.07 AS reassign,
          f.fate = 'normal' AND ${rnd("f.id", "hold")} < 0.05 AS hold,
          -- A few holds are never lifted: the ticket sits on hold to this day.
          f.fate = 'normal' AND ${rnd("f.id", "hold")} < 0.0015 AS forgotten,
          f.fate = 'normal' AND ${rnd("f.id", "reopen")} < 0.07 AS reopen,
          f.meridian AND ${rnd("f.id", "senior")} < 0.8 AS senior_handles,
          (ARRAY[${SENIOR_IDS.join(", ")}])[1 + pg_temp.rint(f.id, 'senior.who', ${SENIOR_IDS.length})] AS senior
        FROM fated f
      )
      SELECT * FROM flagged;
      ANALYZE ticket_base;
    `,
  },
];
