import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSources, type TestSources } from "../../testing/databases";
import { rowHash, wholeTable } from "./directory";

/*
 * The whole-table cache reads a table again exactly when its fingerprint
 * changes. PostgreSQL 13 has no hash_record_extended: its hash (of the row's
 * text form) must tell every change apart too, a NULL from an empty text
 * among them. Both hashes run on any server from 14 on, so both are tested here.
 */
describe("whole tables, kept while their fingerprint holds", () => {
  let sources: TestSources;
  let pool: pg.Pool;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    sources = await createTestSources({
      helpdesk: `INSERT INTO customers VALUES (1, 'Acme', NULL, '2024-01-01Z'), (2, 'Beta', 'A-2', '2024-01-01Z')`,
    });
    pool = new pg.Pool({ connectionString: sources.helpdeskUrl, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  });
  afterAll(async () => {
    await db.destroy();
    await sources.drop();
  });

  const columns = sql.join(["id", "name", "billing_account_no"].map((c) => sql.ref(c)));
  it.each([130_000, 170_000])("tells every change apart (server version %i's hash)", async (version) => {
    const hash = async () =>
      (await sql<{ h: string }>`SELECT sum(${rowHash(columns, version)})::text AS h FROM customers`.execute(db)).rows[0]
        ?.h;
    const seen = [await hash()];
    await sql`UPDATE customers SET name = 'Acme Ltd' WHERE id = 1`.execute(db);
    seen.push(await hash());
    await sql`UPDATE customers SET billing_account_no = '' WHERE id = 1`.execute(db);
    seen.push(await hash());
    await sql`UPDATE customers SET name = 'Acme', billing_account_no = NULL WHERE id = 1`.execute(db);
    expect(new Set(seen).size).toBe(3);
    expect(await hash()).toBe(seen[0]);
  });

  it("reads the table again only when a row changed", async () => {
    let reads = 0;
    const names = () =>
      wholeTable(db, "customers", ["id", "name", "billing_account_no"], (rows: { name: string }[]) => {
        reads += 1;
        return rows.map((r) => r.name).sort();
      });
    expect(await names()).toEqual(["Acme", "Beta"]);
    expect(await names()).toEqual(["Acme", "Beta"]);
    expect(reads).toBe(1);
    await sql`UPDATE customers SET name = 'Beta GmbH' WHERE id = 2`.execute(db);
    expect(await names()).toEqual(["Acme", "Beta GmbH"]);
    expect(reads).toBe(2);
  });
});
