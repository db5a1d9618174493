/**
 * Hand-made certificates for the lookup and certificate page tests. Every
 * expected row in the tests can be worked out from this page alone.
 *
 * "Now" is 2026-06-01 12:00 UTC. Days left = floor((not_after − now) / 24 h):
 *   C-9    2026-09-01 00:00   91.5 days → 91
 *   C-101  2026-06-21 12:00   20 days   → 20  (amber: under 30)
 *   C-102  2026-12-01 00:00  182.5 days → 182
 *   C-103  2026-05-01 00:00  −31.5 days → −32 (red: expired)
 *   C-104  none                          → null
 *   C-105  2027-01-01 00:00  213.5 days → 213
 *   C-106  2026-08-01 00:00   60.5 days → 60
 *   C-123  2026-07-01 00:00   29.5 days → 29  (amber)
 */
export const NOW = new Date("2026-06-01T12:00:00Z");

export const FINGERPRINT_101 = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";

export const HELPDESK_FIXTURE = `
  INSERT INTO offices VALUES (1, 'Chicago', 'America/Chicago');
  INSERT INTO techs VALUES (1, 'ann', 'Ann Archer', 1, '2020-01-01', NULL), (2, 'bob', 'Bob Baker', 1, '2020-01-01', NULL);
  INSERT INTO teams VALUES (1);
  INSERT INTO queues VALUES (1, 'SSL', 1);
  INSERT INTO customers VALUES
    (1, 'Acme Widgets GmbH', 'ACC-1', '2020-01-01T00:00:00Z'),
    (2, 'Bücherwurm KG', NULL, '2020-01-01T00:00:00Z'),
    (3, '100% Pure_Juice Ltd', 'ACC-3', '2020-01-01T00:00:00Z'),
    (4, 'Zeta Hosting', NULL, '2020-01-01T00:00:00Z');
  INSERT INTO tickets VALUES
    (9001, 1, 'Renew www.example.com', 'email', 2, '2025-06-01T09:00:00Z', 'resolved', 1, 1,
     '2025-06-04T10:00:00Z', '2025-06-04T10:00:00Z', NULL);
  INSERT INTO ticket_events VALUES
    (1, 9001, '2025-06-01T09:00:00Z', NULL, 'status', NULL, 'new'),
    (2, 9001, '2025-06-01T09:00:00Z', NULL, 'queue', NULL, '1'),
    (3, 9001, '2025-06-01T09:30:00Z', 1, 'status', 'new', 'open'),
    (4, 9001, '2025-06-02T08:00:00Z', 1, 'assignee', NULL, '1'),
    (5, 9001, '2025-06-03T10:00:00Z', 2, 'status', 'open', 'pending'),
    (6, 9001, '2025-06-04T10:00:00Z', 1, 'status', 'pending', 'resolved');
  INSERT INTO certificates (id, customer_id, product_no, ticket_id, common_name, sans, status, vendor, vendor_order_id,
                            serial_hex, sha256_fingerprint, key_type, requested_at, issued_at, not_before, not_after,
                            server_hostname, vhost, updated_at) VALUES
    (9, 4, 'P-0009', NULL, 'mail9.zeta.net', '{mail9.zeta.net}', 'installed', 'DigiCert', 'ORD-0009',
     '09', NULL, 'RSA-2048', '2025-08-20T00:00:00Z', '2025-08-21T00:00:00Z', '2025-08-21T00:00:00Z', '2026-09-01T00:00:00Z',
     'mx1', NULL, '2025-08-21T00:00:00Z'),
    (101, 1, 'P-1001', 9001, 'WWW.Example.COM.', '{WWW.Example.COM.,example.com}', 'installed', 'Sectigo', 'ORD-5001',
     '00AB12CD', '${FINGERPRINT_101}', 'RSA-2048',
     '2025-06-01T09:00:00Z', '2025-06-03T10:00:00Z', '2025-06-03T10:00:00Z', '2026-06-21T12:00:00Z',
     'web1', 'example.com', '2025-06-04T10:00:00Z'),
    (102, 1, 'P-1002', NULL, '*.example.com', '{*.example.com}', 'issued', 'DigiCert', 'ORD-5002',
     '7F', 'B000000000000000000000000000000000000000000000000000000000000102', 'EC-P256',
     '2025-11-20T00:00:00Z', '2025-11-30T00:00:00Z', '2025-11-30T00:00:00Z', '2026-12-01T00:00:00Z',
     NULL, NULL, '2025-11-30T00:00:00Z'),
    (103, 2, 'P-1003', NULL, 'xn--bcher-kva.example', '{xn--bcher-kva.example,www.xn--bcher-kva.example}', 'expired',
     'Sectigo', 'ORD-5003', 'C0FFEE', 'B000000000000000000000000000000000000000000000000000000000000103', 'RSA-2048',
     '2025-04-20T00:00:00Z', '2025-04-30T00:00:00Z', '2025-04-30T00:00:00Z', '2026-05-01T00:00:00Z',
     'web2', 'bücher', '2026-05-01T00:00:00Z'),
    (104, 3, 'P-1004', NULL, 'shop.example.org', '{shop.example.org}', 'requested', 'Sectigo', '100%_off',
     NULL, NULL, 'RSA-2048', '2026-05-30T00:00:00Z', NULL, NULL, NULL, NULL, NULL, '2026-05-30T00:00:00Z'),
    (105, 4, 'P-1005', NULL, 'mail.zeta.net', '{mail.zeta.net}', 'installed', 'GlobalSign', '123',
     'BEEF', 'B000000000000000000000000000000000000000000000000000000000000105', 'RSA-4096',
     '2025-12-20T00:00:00Z', '2025-12-31T00:00:00Z', '2025-12-31T00:00:00Z', '2027-01-01T00:00:00Z',
     'mx2', NULL, '2025-12-31T00:00:00Z'),
    (106, 4, 'P-1006', NULL, '*.wild.test', '{*.wild.test}', 'issued', 'LetsEncrypt', 'ORD-5006',
     NULL, NULL, 'EC-P256', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', '2026-05-02T00:00:00Z', '2026-08-01T00:00:00Z',
     NULL, NULL, '2026-05-02T00:00:00Z'),
    (123, 4, 'P-1123', NULL, 'api9.zeta.net', '{api9.zeta.net}', 'installed', 'GlobalSign', 'ORD-5123',
     NULL, NULL, 'RSA-2048', '2025-06-20T00:00:00Z', '2025-07-01T00:00:00Z', '2025-07-01T00:00:00Z', '2026-07-01T00:00:00Z',
     'api1', NULL, '2025-07-01T00:00:00Z');`;

/**
 * Billing: C-101's order (P-1001) was invoiced twice (the order, then a
 * credit for a duplicate line) plus one unrelated line on the same invoice;
 * a draft invoice also holds a line for P-1001.
 */
export const BILLING_FIXTURE = `
  INSERT INTO accounts VALUES ('ACC-1', 'Acme Widgets', 'EUR', 'active', '2020-01-01');
  INSERT INTO products VALUES ('SSL-EV', 'EV certificate, 1 year', 'ssl'), ('HOST', 'Hosting', 'hosting');
  INSERT INTO invoices VALUES
    (1, 'ACC-1', 'INV-2025-0042', '2025-06-05', '2025-07-05', 'paid', 'EUR'),
    (2, 'ACC-1', 'INV-2025-0077', '2025-07-01', '2025-07-31', 'open', 'EUR'),
    (3, 'ACC-1', 'INV-2026-0001', '2026-05-20', '2026-06-20', 'draft', 'EUR');
  INSERT INTO invoice_lines VALUES
    (10, 1, 'SSL-EV', 'EV certificate www.example.com', 1, 249.00, 249.00, '2025-06-03', '2026-06-02', 'P-1001'),
    (11, 1, 'HOST', 'Hosting June', 1, 30.00, 30.00, '2025-06-01', '2025-06-30', NULL),
    (12, 2, 'SSL-EV', 'Credit: duplicate certificate line', 1, -249.00, -249.00, NULL, NULL, 'P-1001'),
    (13, 3, 'SSL-EV', 'EV certificate www.example.com renewal', 1, 259.50, 259.50, '2026-06-03', '2027-06-02', 'P-1001'),
    (14, 2, 'SSL-EV', 'EV certificate other', 1, 199.00, 199.00, NULL, NULL, 'P-1002');`;
