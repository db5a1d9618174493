import { MERIDIAN, QUEUE_IDS } from "../catalog";
import { pickText, rnd, textArray, weighted } from "../sql";
import type { Step } from "../step";
import { IDN_DOMAINS, TLDS } from "../words";

/**
 * SSL certificate tracking entries. Six in ten come from tickets in the SSL
 * Certificates queue (same customer, requested as the ticket arrives); the
 * rest were ordered through the portal. Names are stored as customers typed
 * them: some mixed case, some with a trailing dot; a customer's domains
 * repeat across its certificates, so renewals share names. `cert_plan` keeps
 * the billing product for billing/facts.ts.
 */
const k = "c.id";

export const certificatePlanSteps: Step[] = [
  {
    name: "certificate plans",
    sql: `
      CREATE TEMP TABLE cert_plan AS
      WITH from_tickets AS (
        SELECT t.id AS ticket_id, t.id AS source_key, false AS planted, t.customer_id,
          t.created_at + interval '5 minutes' AS requested_at
        FROM plan t
        WHERE t.queue0 = ${QUEUE_IDS.ssl} AND t.fate = 'normal' AND t.created_at + interval '5 minutes' < pg_temp.end_ts()
        ORDER BY ${rnd("t.id", "cert.from_ticket")}, t.id
        LIMIT round(pg_temp.n_certificates() * 0.6)
      ), from_portal AS (
        -- The first few portal orders are Meridian's, within the last year, from a paid vendor: always billed.
        SELECT NULL::bigint AS ticket_id, -n AS source_key, n <= ${MERIDIAN.certificates} AS planted, cu.id AS customer_id,
          greatest(CASE WHEN n <= ${MERIDIAN.certificates} THEN pg_temp.end_ts() - (30 + 100 * n) * interval '1 day'
                        ELSE pg_temp.start_ts() + floor(${rnd("n", "cert.requested")}
                               * extract(epoch FROM pg_temp.end_ts() - pg_temp.start_ts())) * interval '1 second' END,
                   cu.created_at + interval '1 day') AS requested_at
        FROM generate_series(1, pg_temp.n_certificates() - (SELECT count(*) FROM from_tickets)) n
        JOIN customer_plan cu ON cu.id = CASE WHEN n <= ${MERIDIAN.certificates} THEN ${MERIDIAN.customerId}
          ELSE 1 + (floor(pg_temp.n_customers() * power(${rnd("n", "cert.customer")}, 1.3))::bigint * 7919) % pg_temp.n_customers() END
      ), numbered AS (
        SELECT row_number() OVER (ORDER BY requested_at, source_key) AS id, *
        FROM (SELECT * FROM from_tickets UNION ALL SELECT * FROM from_portal) x
        WHERE requested_at < pg_temp.end_ts()
      ), domained AS (
        SELECT c.*,
          CASE WHEN ${rnd("c.customer_id", "domain.idn")} < 0.05
            THEN (${textArray(IDN_DOMAINS)})[1 + pg_temp.rint(c.customer_id, 'domain.idn_which', ${IDN_DOMAINS.length})]
            ELSE trim(BOTH '-' FROM lower(regexp_replace(regexp_replace(cu.name, '\\s+(LLC|Inc\\.|Ltd|GmbH|& Co|Group|Co)$', ''),
                                                         '[^A-Za-z0-9]+', '-', 'g')))
                 || '.' || (${textArray(TLDS)})[1 + pg_temp.rint(c.customer_id, 'domain.tld', ${TLDS.length})]
          END AS domain,
          ${weighted(rnd(k, "cert.shape"), [
            ["'single'", 45],
            ["'wildcard'", 18],
            ["'multi'", 17],
            ["'service'", 20],
          ])} AS shape,
          CASE WHEN c.planted THEN 'DigiCert' ELSE ${weighted(rnd(k, "cert.vendor"), [
            ["'DigiCert'", 35],
            ["'Sectigo'", 30],
            ["'GlobalSign'", 15],
            ["'Let''s Encrypt'", 20],
          ])} END AS vendor
        FROM numbered c
        JOIN customer_plan cu ON cu.id = c.customer_id
      ), named AS (
        SELECT c.*,
          CASE c.shape WHEN 'single' THEN 'www.' || c.domain
                       WHEN 'wildcard' THEN '*.' || c.domain
                       WHEN 'multi' THEN 'mail.' || c.domain
                       ELSE ${pickText(["api", "vpn", "remote", "shop", "portal", "intranet"], k, "cert.service")} || '.' || c.domain
          END AS name,
          CASE c.shape WHEN 'single' THEN ARRAY[c.domain]
                       WHEN 'wildcard' THEN ARRAY[c.domain]
                       WHEN 'multi' THEN (ARRAY['autodiscover.' || c.domain, 'webmail.' || c.domain, 'smtp.' || c.domain,
                                                'owa.' || c.domain])[1:1 + pg_temp.rint(c.id, 'cert.sans', 4)]
                       ELSE ARRAY[]::text[] END AS more_sans,
          CASE WHEN c.vendor = 'Let''s Encrypt' THEN 90 ELSE 365 END AS valid_days,
          c.requested_at + (2 + floor(70 * ${rnd(k, "cert.issued")})) * interval '1 hour'
            + floor(3600 * ${rnd(k, "cert.issued_second")}) * interval '1 second' AS issue_at,
          ${rnd(k, "cert.status")} AS u_status
        FROM domained c
      ), typed AS (
        -- As typed: a few names in mixed case, a few with a trailing dot.
        SELECT c.*,
          CASE WHEN ${rnd(k, "cert.case")} < 0.06 THEN initcap(c.name) ELSE c.name END
            || CASE WHEN ${rnd(k, "cert.dot")} < 0.04 THEN '.' ELSE '' END AS common_name,
          CASE WHEN c.issue_at >= pg_temp.end_ts() OR c.requested_at >= pg_temp.end_ts() - interval '10 days' AND c.u_status < 0.8
                 THEN ${weighted(rnd(k, "cert.pending"), [
                   ["'requested'", 1],
                   ["'csr_created'", 1],
                   ["'submitted'", 1],
                   ["'validating'", 1],
                 ])}
               WHEN c.u_status < 0.03 THEN 'cancelled'
               WHEN c.u_status < 0.05 THEN 'revoked'
               WHEN c.issue_at + c.valid_days * interval '1 day' < pg_temp.end_ts() THEN 'expired'
               WHEN c.u_status < 0.3 THEN 'issued'
               ELSE 'installed' END AS status
        FROM named c
      )
      SELECT c.*, c.status IN ('issued', 'installed', 'expired', 'revoked') AS was_issued,
        CASE c.shape WHEN 'wildcard' THEN 'SSL-WILD' WHEN 'multi' THEN 'SSL-MULTI' ELSE 'SSL-DV' END AS product_code,
        'SSL-' || to_char(c.requested_at, 'YYYY') || '-' || lpad(c.id::text, 6, '0') AS product_no
      FROM typed c;
      ANALYZE cert_plan;
    `,
  },
];

export const certificateSteps: Step[] = [
  {
    name: "certificates",
    sql: `
      INSERT INTO certificates (id, customer_id, product_no, ticket_id, common_name, sans, status, vendor, vendor_order_id,
        serial_hex, sha256_fingerprint, key_type, requested_at, issued_at, not_before, not_after, server_hostname, vhost,
        updated_at)
      SELECT c.id, c.customer_id, c.product_no, c.ticket_id, c.common_name, c.common_name || c.more_sans, c.status, c.vendor,
        CASE WHEN c.vendor = 'Let''s Encrypt' OR c.status IN ('requested', 'csr_created') THEN NULL
             WHEN c.vendor = 'DigiCert' THEN (20000000 + c.id * 37 + pg_temp.rint(c.id, 'cert.order', 37))::text
             WHEN c.vendor = 'Sectigo' THEN (900000000 + c.id * 53 + pg_temp.rint(c.id, 'cert.order', 53))::text
             ELSE 'CE' || lpad((c.id * 101 + pg_temp.rint(c.id, 'cert.order', 101))::text, 10, '0') END,
        -- Upper-case hex without separators; some serials start with zero bytes.
        CASE WHEN NOT c.was_issued THEN NULL
             WHEN ${rnd(k, "cert.serial_zero")} < 0.12 THEN '00' || left(upper(md5('serial:' || pg_temp.seed() || ':' || c.id)), 30)
             ELSE upper(md5('serial:' || pg_temp.seed() || ':' || c.id)) END,
        CASE WHEN c.was_issued THEN upper(encode(sha256(convert_to('fp:' || pg_temp.seed() || ':' || c.id, 'UTF8')), 'hex')) END,
        ${weighted(rnd(k, "cert.key"), [
          ["'RSA-2048'", 55],
          ["'RSA-4096'", 15],
          ["'ECDSA-P256'", 25],
          ["'ECDSA-P384'", 5],
        ])},
        c.requested_at,
        CASE WHEN c.was_issued THEN c.issue_at END,
        CASE WHEN c.was_issued THEN date_trunc('minute', c.issue_at) END,
        CASE WHEN c.was_issued THEN date_trunc('minute', c.issue_at) + c.valid_days * interval '1 day' END,
        CASE WHEN c.status IN ('installed', 'expired')
             THEN 'web' || lpad((1 + pg_temp.rint(c.customer_id, 'cert.server', 40))::text, 2, '0') || '.hosting.example.net' END,
        CASE WHEN c.status IN ('installed', 'expired') THEN rtrim(lower(replace(c.common_name, '*.', '')), '.') END,
        greatest(c.requested_at, least(pg_temp.end_ts() - interval '1 second',
              CASE WHEN c.status = 'expired' THEN date_trunc('minute', c.issue_at) + c.valid_days * interval '1 day'
                   WHEN c.status = 'installed' THEN c.issue_at + interval '1 day'
                   WHEN c.was_issued THEN c.issue_at
                   ELSE c.requested_at + interval '10 minutes' END))
      FROM cert_plan c
      ORDER BY c.id;
    `,
  },
];
