import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../../testing/databases";
import { subjectTemplate } from "./subject-template";

/** Real-looking subjects and the template each must fold to. */
const CASES: [subject: string, template: string][] = [
  ["Password reset", "password reset"],
  ["  PASSWORD   Reset ", "password reset"],
  ["Password reset for jane.doe@acme-corp.com", "password reset for <email>"],
  ["Password reset for Bob.Smith+it@example.co.uk!", "password reset for <email>"],
  ["Ticket #123: printer offline", "<ticket>: printer offline"],
  ["Re: [RT#4567] VPN down", "re: [<ticket>] vpn down"],
  ["Follow-up on ticket 99812", "follow-up on <ticket>"],
  ["Duplicate of #77", "duplicate of <ticket>"],
  ["New SSL certificate for shop.example.de", "new ssl certificate for <host>"],
  ["New SSL certificate for www.zürich.ch", "new ssl certificate for <host>"],
  ["New SSL certificate for www.xn--zrich-kva.ch", "new ssl certificate for <host>"],
  ["New SSL certificate for Bücher.CH.", "new ssl certificate for <host>"],
  ["Certificate request: *.meridian-shipping.co.uk", "certificate request: *.<host>"],
  ["ALERT: nginx down on web-042.hosting.example.net", "alert: nginx down on <host>"],
  ["ALERT: host unreachable 10.0.3.17", "alert: host unreachable <ip>"],
  ["ALERT: host unreachable 192.168.1.254/24", "alert: host unreachable <ip>"],
  ["ALERT: host unreachable 2001:db8::1", "alert: host unreachable <ip>"],
  ["ALERT: host unreachable fe80::1ff:fe23:4567:890a", "alert: host unreachable <ip>"],
  ["ALERT: host unreachable 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "alert: host unreachable <ip>"],
  ["Revoke serial d5:86:28:81:d1:b7:f2:f2:e4:c2:7b:2e:d3:d8:43:70", "revoke serial <hex>"],
  ["Revoke serial 0A1B2C3D4E5F60718293A4B5C6D7E8F9", "revoke serial <hex>"],
  ["Fingerprint mismatch 3f2a9c", "fingerprint mismatch <hex>"],
  ["Crash at 0x7ffde4a2", "crash at <hex>"],
  ["Job 550e8400-e29b-41d4-a716-446655440000 failed", "job <hex> failed"],
  ["Backup failed on 2026-11-03", "backup failed on <date>"],
  ["Backup failed on 03/11/2026", "backup failed on <date>"],
  ["Backup failed on 3.11.26", "backup failed on <date>"],
  ["Backup failed on 3 Nov 2026", "backup failed on <date>"],
  ["Backup failed on 3rd November, 2026", "backup failed on <date>"],
  ["Backup failed on Nov 3, 2026", "backup failed on <date>"],
  ["Maintenance window 14:05 tonight", "maintenance window <time> tonight"],
  ["Maintenance at 2:05 pm on 2026-11-03", "maintenance at <time> on <date>"],
  ["Call back after 3pm", "call back after <time>"],
  ["Restart at 23:59:59", "restart at <time>"],
  ["PHP version upgrade to 8.3", "php version upgrade to <version>"],
  ["Upgrade agent v10.4.3", "upgrade agent <version>"],
  ["Disk 95% full on srv01", "disk <n>% full on srv<n>"],
  ["Order 48213 not delivered", "order <n> not delivered"],
  ["See https://portal.example.com/t/123?x=1 please", "see <url> please"],
  ["Mailbox full", "mailbox full"],
  ["Mailbox full.", "mailbox full"],
  ["Need 2 separate accounts", "need <n> separate accounts"],
  ["Print 2 marketing flyers", "print <n> marketing flyers"],
  ["Print 12 March flyers", "print <date> flyers"],
  ["Backup on 2 Sept", "backup on <date>"],
  ["Crash in std::vector resize", "crash in std::vector resize"],
  ["Ping ::1 fails", "ping <ip> fails"],
  ["Job failed at 2026-11-03T14:05:59Z", "job failed at <date> <time>"],
  ["???", "<empty>"],
  [" - ", "<empty>"],
  ["", "<empty>"],
];

describe("subjectTemplate", () => {
  let sources: TestSources;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    sources = await createTestSources();
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: sources.helpdeskUrl }) }) });
  });
  afterAll(async () => {
    await db.destroy();
    await sources.drop();
  });

  it(`folds ${CASES.length} real-looking subjects to their templates`, async () => {
    const subjects = CASES.map(([s]) => s);
    const { rows } = await sql<{ subject: string; template: string }>`
      SELECT s AS subject, ${subjectTemplate(sql.ref("s"))} AS template
      FROM unnest(${subjects}::text[]) WITH ORDINALITY AS u(s, i) ORDER BY i`.execute(db);
    expect(rows.map((r) => [r.subject, r.template])).toEqual(CASES);
  });

  it("gives one template to the variants of one kind", async () => {
    const variants = [
      "ALERT: nginx down on web-01.example.com (10.0.0.1)",
      "alert: NGINX down on web-17.example.org (192.168.4.20)",
      "Alert:  nginx down on web-3.münchen.de (2001:db8::7)",
    ];
    const { rows } = await sql<{ template: string }>`
      SELECT DISTINCT ${subjectTemplate(sql.ref("s"))} AS template FROM unnest(${variants}::text[]) AS u(s)`.execute(
      db,
    );
    expect(rows).toEqual([{ template: "alert: nginx down on <host> (<ip>)" }]);
  });
});
