import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEmptyDatabase, dropDatabase, withClient } from "../../db/setup";
import { typeParsers } from "../../db/type-parsers";
import { RtSchemaError } from "./check";
import { closeIngestPools, ingestPass } from "./ingest";
import { MappingError, parseMapping, type RtMapping } from "./mapping";
import type { RtVersion } from "./tables";
import { RT_FIXTURE } from "./testing/fixture";
import { createRtDatabase } from "./testing/rt-database";

/* Each translation rule on the hand-made history of testing/fixture.ts, on RT 5.0 and 6.0. */
const serverUrl = () => inject("serverUrl");
const suffix = randomBytes(4).toString("hex");
const made: string[] = [];

async function databases(tag: string, version: RtVersion, fixture = RT_FIXTURE) {
  const names = [`t_${suffix}_${tag}`, `t_${suffix}_${tag}_lookback`] as const;
  made.push(...names);
  const rtUrl = await createRtDatabase(serverUrl(), names[0], version);
  await withClient(rtUrl, (c) => c.query(fixture));
  const storeUrl = await createEmptyDatabase(serverUrl(), names[1]);
  const rt = (sql: string) => withClient(rtUrl, async (c) => (await c.query(sql)).rows);
  const copy = async (sql: string) => {
    const client = new pg.Client({ connectionString: storeUrl, types: typeParsers });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const pass = (mapping: RtMapping = parseMapping({}), extra: { reconcile?: boolean } = {}) =>
    ingestPass({ rtUrl, storeUrl, mapping, ...extra });
  return { rtUrl, storeUrl, rt, copy, pass };
}

afterAll(async () => {
  await closeIngestPools();
  await Promise.all(made.map((name) => dropDatabase(serverUrl(), name)));
}, 600_000);

describe.each(["5.0", "6.0"] as const)("the rules, on RT %s", (version) => {
  let db: Awaited<ReturnType<typeof databases>>;
  beforeAll(async () => {
    db = await databases(`rules${version.replace(".", "")}`, version);
    expect((await db.pass()).rebuilt).toBe(true);
  });

  it("takes Create's values from the first later change, ignores SetWatcher twins", async () => {
    const events = await db.copy(
      "SELECT id, to_char(at, 'HH24:MI') AS at, actor_id, field, old_value, new_value FROM rt_helpdesk.ticket_events WHERE ticket_id = 1 ORDER BY at, id",
    );
    expect(events).toEqual([
      { id: 40, at: "10:00", actor_id: null, field: "status", old_value: null, new_value: "new" },
      { id: 41, at: "10:00", actor_id: null, field: "queue", old_value: null, new_value: "1" },
      { id: 42, at: "10:00", actor_id: null, field: "priority", old_value: null, new_value: "3" },
      { id: 48, at: "10:05", actor_id: 1, field: "status", old_value: "new", new_value: "open" },
      { id: 55, at: "10:05", actor_id: 1, field: "assignee", old_value: null, new_value: "1" },
      { id: 78, at: "10:30", actor_id: 1, field: "priority", old_value: "3", new_value: "2" },
    ]);
  });

  it("makes Correspond public and Comment internal, the customer's without author or credit, and skips email records", async () => {
    const comments = await db.copy(
      "SELECT id, author_id, visibility, credit FROM rt_helpdesk.ticket_comments WHERE ticket_id = 1 ORDER BY id",
    );
    expect(comments).toEqual([
      { id: 11, author_id: null, visibility: "public", credit: "0.0" },
      { id: 15, author_id: 1, visibility: "public", credit: "1.0" },
      { id: 17, author_id: 1, visibility: "internal", credit: "0.5" },
    ]);
  });

  it("nets a negative TimeTaken against the same tech's latest earlier entry, and drops one with nothing to correct", async () => {
    const entries = await db.copy("SELECT id, tech_id, minutes FROM rt_helpdesk.time_entries ORDER BY id");
    expect(entries).toEqual([
      { id: 15, tech_id: 1, minutes: 30 },
      { id: 20, tech_id: 1, minutes: 30 },
    ]);
  });

  it("keeps a renamed team's names over time, and finds a queue's team by its current name", async () => {
    const names = await db.copy(
      "SELECT team_id, name, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM rt_helpdesk.team_names ORDER BY valid_from",
    );
    expect(names).toEqual([
      { team_id: 200, name: "Team X", valid_from: "2026-01-01" },
      { team_id: 200, name: "Division-1", valid_from: "2026-02-01" },
      { team_id: 200, name: "N-1", valid_from: "2026-03-01" },
    ]);
    expect(await db.copy("SELECT id, name, team_id FROM rt_helpdesk.queues")).toEqual([
      { id: 1, name: "Email Support", team_id: 200 },
    ]);
    expect(
      await db.copy(
        "SELECT t.login, o.timezone FROM rt_helpdesk.techs t JOIN rt_helpdesk.offices o ON o.id = t.office_id ORDER BY t.id",
      ),
    ).toEqual([
      { login: "alice", timezone: "America/Chicago" },
      { login: "bob", timezone: "UTC" },
    ]);
  });

  it("follows a merge to the tickets merged before it, though they get no transaction", async () => {
    expect(await db.copy("SELECT id, merged_into_id FROM rt_helpdesk.tickets WHERE id IN (2, 3) ORDER BY id")).toEqual([
      { id: 2, merged_into_id: null },
      { id: 3, merged_into_id: 2 },
    ]);
    // RT changes no Status on a merge: the merged ticket's AddLink MergedInto is its change to merged, out of
    // the queues, from the status it kept.
    const mergedOf = (id: number) =>
      db.copy(`SELECT t.status, e.id AS event, to_char(e.at, 'MM-DD HH24:MI') AS at, e.old_value, e.new_value
               FROM rt_helpdesk.tickets t JOIN rt_helpdesk.ticket_events e ON e.ticket_id = t.id AND e.field = 'status'
               WHERE t.id = ${id} ORDER BY e.at DESC, e.id DESC LIMIT 1`);
    expect(await mergedOf(3)).toEqual([
      { status: "merged", event: 32 * 4, at: "03-03 09:30", old_value: "new", new_value: "merged" }, // status is field 0
    ]);
    await db.rt(`
      UPDATE tickets SET effectiveid = 1 WHERE effectiveid = 2;
      INSERT INTO transactions (id, objecttype, objectid, type, field, newvalue, creator, created) VALUES
        (50, 'RT::Ticket', 2, 'AddLink', 'MergedInto', 'fsck.com-rt://example/ticket/1', 1, '2026-03-05 09:00'),
        (51, 'RT::Ticket', 1, 'AddLink', 'MergedInto', 'fsck.com-rt://example/ticket/1', 1, '2026-03-05 09:00')`);
    await db.pass();
    expect(await db.copy("SELECT id, merged_into_id FROM rt_helpdesk.tickets WHERE id IN (2, 3) ORDER BY id")).toEqual([
      { id: 2, merged_into_id: 1 },
      { id: 3, merged_into_id: 1 },
    ]);
    expect(await mergedOf(2)).toMatchObject([{ status: "merged", at: "03-05 09:00", new_value: "merged" }]);
  });

  it("copies nothing on an idle pass, and the small tables again when RT's rows of them changed", async () => {
    // Rows deleted and copied again get a new xmin; an idle pass leaves them as they were.
    const users = "SELECT id, xmin::text AS x FROM rt_raw.users ORDER BY id";
    const before = await db.copy(users);
    expect(await db.pass()).toMatchObject({ transactions: 0, tickets: 0 });
    expect(await db.copy(users)).toEqual(before);
    await db.rt("UPDATE users SET realname = 'Robert Baker' WHERE id = 2");
    await db.pass();
    expect(await db.copy(users)).not.toEqual(before);
    expect(await db.copy("SELECT full_name FROM rt_helpdesk.techs WHERE id = 2")).toEqual([
      { full_name: "Robert Baker" },
    ]);
  });

  it("picks up a transaction whose id committed after a later one was copied", async () => {
    await db.rt(`INSERT INTO transactions (id, objecttype, objectid, type, creator, created) VALUES
      (61, 'RT::Ticket', 1, 'Comment', 1, '2026-03-06 10:01')`);
    await db.pass();
    await db.rt(`INSERT INTO transactions (id, objecttype, objectid, type, creator, created) VALUES
      (60, 'RT::Ticket', 1, 'Comment', 1, '2026-03-06 10:00')`);
    await db.pass();
    const late = await db.copy("SELECT id FROM rt_helpdesk.ticket_comments WHERE id IN (60, 61) ORDER BY id");
    expect(late).toEqual([{ id: 60 }, { id: 61 }]);
  });
});

describe("time columns: 5.x dates and credits work to its Creator, 6.0 to TimeWorker and, if asked, TimeWorkedDate", () => {
  const entry = `INSERT INTO transactions (id, objecttype, objectid, timetaken, type, field, creator, created%s) VALUES
    (23, 'RT::Ticket', 1, 20, 'Set', 'TimeWorked', 2, '2026-03-02 12:00'%s)`;
  const read = "SELECT tech_id, minutes, started_at FROM rt_helpdesk.time_entries WHERE id = 23";

  it("on 5.0: bob entered it, bob did it, when he entered it", async () => {
    const db = await databases("time50", "5.0", RT_FIXTURE + entry.replace("%s", "").replace("%s", ""));
    await db.pass(parseMapping({ timeEntryDate: "workedDate" }));
    expect(await db.copy(read)).toEqual([{ tech_id: 2, minutes: 20, started_at: new Date("2026-03-02T12:00:00Z") }]);
  });

  it("on 6.0: alice did it on March 1st, at noon in Chicago with workedDate, when entered with created", async () => {
    const db = await databases(
      "time60",
      "6.0",
      RT_FIXTURE + entry.replace("%s", ", timeworker, timeworkeddate").replace("%s", ", 1, '2026-03-01'"),
    );
    await db.pass(parseMapping({ timeEntryDate: "workedDate" }));
    expect(await db.copy(read)).toEqual([{ tech_id: 1, minutes: 20, started_at: new Date("2026-03-01T18:00:00Z") }]);
    await db.pass(parseMapping({ timeEntryDate: "created" }));
    expect(await db.copy(read)).toEqual([{ tech_id: 1, minutes: 20, started_at: new Date("2026-03-02T12:00:00Z") }]);
  });
});

describe("customers from a custom field", () => {
  it("keeps a ticket with its customer when the value is renamed, though RT keeps the old text on the ticket", async () => {
    const db = await databases("rename", "6.0");
    await db.pass();
    const ofTicket1 =
      "SELECT c.id, c.name FROM rt_helpdesk.tickets t JOIN rt_helpdesk.customers c ON c.id = t.customer_id WHERE t.id = 1";
    expect(await db.copy(ofTicket1)).toEqual([{ id: 7, name: "Acme" }]);
    // Renamed in RT's value list; the ticket's own value still reads "Acme"; a new transaction re-reads the ticket.
    await db.rt(`UPDATE customfieldvalues SET name = 'Acme Inc' WHERE id = 7;
      INSERT INTO transactions (id, objecttype, objectid, type, creator, created) VALUES (90, 'RT::Ticket', 1, 'Comment', 1, '2026-03-09 10:00')`);
    await db.pass();
    expect(await db.copy(ofTicket1)).toEqual([{ id: 7, name: "Acme Inc" }]);
  });
});

describe("customers from the requestor's Organization", () => {
  // Ticket 1's requestors: 52 (no organization), then 50 (Initech); ticket 2's: 51 (Globex); ticket 3 has none.
  const requestors = `
    UPDATE users SET organization = 'Initech' WHERE id = 50;
    INSERT INTO users (id, name, organization) VALUES (51, 'globex-buyer', 'Globex'), (52, 'intern', '');
    INSERT INTO groups (id, name, domain, instance) VALUES
      (300, 'Requestor', 'RT::Ticket-Role', 1), (301, 'Requestor', 'RT::Ticket-Role', 2), (302, 'Requestor', 'RT::Ticket-Role', 3);
    INSERT INTO groupmembers (id, groupid, memberid) VALUES (20, 300, 52), (21, 300, 50), (22, 301, 51);`;
  const mapping = parseMapping({ customers: { source: "requestorOrganization", accounts: { Initech: "I-9" } } });
  const customers = `SELECT t.id, c.name, c.billing_account_no AS account, to_char(c.created_at, 'YYYY-MM-DD') AS since
    FROM rt_helpdesk.tickets t JOIN rt_helpdesk.customers c ON c.id = t.customer_id WHERE t.id <= 3 ORDER BY t.id`;

  it("reads the tickets again from RT when the mapping changes what it reads", async () => {
    const db = await databases("remap", "6.0", RT_FIXTURE + requestors);
    await db.pass();
    expect((await db.copy(customers))[0]).toMatchObject({ id: 1, name: "Acme" });
    // Organizations were never copied while customers came from the custom field: the new mapping needs RT.
    expect(await db.pass(mapping)).toMatchObject({ rebuilt: true });
    expect((await db.copy(customers))[0]).toEqual({ id: 1, name: "Initech", account: "I-9", since: "2026-03-02" });
    expect(await db.pass(mapping)).toMatchObject({ rebuilt: false, transactions: 0 });
  });

  it("gives each ticket its first requestor's organization that has one, and follows a change on the ticket's next transaction", async () => {
    const db = await databases("org", "6.0", RT_FIXTURE + requestors);
    await db.pass(mapping);
    expect(await db.copy(customers)).toEqual([
      { id: 1, name: "Initech", account: "I-9", since: "2026-03-02" },
      { id: 2, name: "Globex", account: null, since: "2026-03-03" },
      { id: 3, name: "(no customer)", account: null, since: "1970-01-01" },
    ]);
    await db.rt(`UPDATE users SET organization = 'Globex Corp' WHERE id = 51;
      INSERT INTO transactions (id, objecttype, objectid, type, creator, created) VALUES (80, 'RT::Ticket', 2, 'Comment', 1, '2026-03-08 10:00')`);
    await db.pass(mapping);
    expect((await db.copy(customers))[1]).toEqual({ id: 2, name: "Globex Corp", account: null, since: "2026-03-03" });
    // The Customer custom field is not read in this mode: Acme is no customer.
    expect(await db.copy("SELECT name FROM rt_helpdesk.customers ORDER BY id")).toEqual([
      { name: "(no customer)" },
      { name: "Globex" },
      { name: "Initech" },
      { name: "Globex Corp" },
    ]);
  });
});

describe("a shredded ticket", () => {
  it("leaves the copy when its block of ids is reconciled with RT", async () => {
    const db = await databases("shred", "6.0");
    const noOverlap = parseMapping({ overlap: 0 });
    await db.pass(noOverlap);
    await db.rt(
      "DELETE FROM transactions WHERE objectid = 4 AND objecttype = 'RT::Ticket'; DELETE FROM tickets WHERE id = 4",
    );
    await db.pass(noOverlap);
    expect(await db.copy("SELECT id FROM rt_helpdesk.tickets WHERE id = 4")).toEqual([{ id: 4 }]);
    await db.pass(noOverlap, { reconcile: true });
    expect(await db.copy("SELECT id FROM rt_helpdesk.tickets WHERE id = 4")).toEqual([]);
    expect(await db.copy("SELECT count(*)::int AS n FROM rt_helpdesk.ticket_comments WHERE ticket_id = 4")).toEqual([
      { n: 0 },
    ]);
  });
});

describe("bad input", () => {
  it("names each bad field of the mapping file", () => {
    expect(() =>
      parseMapping({
        statuses: { stalled: "waiting" },
        offices: { defaultZone: "Mars/Base" },
        overlap: -1,
        colour: "red",
      }),
    ).toThrow(MappingError);
    // Without the unknown key, the other three are each named.
    expect(() =>
      parseMapping({ statuses: { stalled: "waiting" }, offices: { defaultZone: "Mars/Base" }, overlap: -1 }),
    ).toThrow(
      "is not valid:\n  offices.defaultZone must be an IANA time zone such as Europe/London\n" +
        "  statuses.stalled must be one of: new, open, pending, on_hold, resolved, closed, merged, deleted\n" +
        "  overlap must be 0 or more",
    );
  });

  it("refuses a database that is not RT 5.0 or 6.0, or lacks a column we read, naming it", async () => {
    const old = await databases("old", "5.0", "DROP TABLE configurations");
    await expect(old.pass()).rejects.toThrow(/not Request Tracker 5.0 or 6.0: it has no `configurations` table/);
    const lacking = await databases(
      "lacking",
      "6.0",
      "ALTER TABLE transactions DROP COLUMN timetaken; DROP TABLE customfieldvalues",
    );
    await expect(lacking.pass()).rejects.toThrow(RtSchemaError);
    await expect(lacking.pass()).rejects.toThrow(/column transactions.timetaken, table customfieldvalues/);
  });

  it("leaves the copy as it was when a pass fails, and says why in the freshness", async () => {
    const db = await databases("fail", "6.0");
    await db.pass();
    const before = await db.copy("SELECT count(*)::int AS n FROM rt_helpdesk.ticket_comments");
    await db.rt(`INSERT INTO transactions (id, objecttype, objectid, type, creator, created) VALUES
      (70, 'RT::Ticket', 1, 'Comment', 1, '2026-03-07 10:00'); ALTER TABLE tickets RENAME TO tickets_gone`);
    await expect(db.pass()).rejects.toThrow(/tickets/);
    expect(await db.copy("SELECT count(*)::int AS n FROM rt_helpdesk.ticket_comments")).toEqual(before);
    const [state] = await db.copy("SELECT failure FROM rt_ingest.state");
    expect(state.failure).toMatch(/^copying from Request Tracker failed: relation "tickets" does not exist/);
  });
});
