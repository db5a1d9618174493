import pg from "pg";

/**
 * Bulk-load mode, as pg_restore does it: inside the load's transaction, drop
 * the foreign keys and the secondary indexes, and put them back afterwards
 * from their own definitions. A foreign key then checks the whole table in
 * one join instead of one lookup per inserted row, and an index is built by
 * one sort instead of millions of random inserts. Both happen in the same
 * transaction as the load, so the schema is never seen without them.
 */
interface Definition {
  tableName: string;
  name: string;
  definition: string;
}

export async function dropForLoad(client: pg.Client): Promise<() => Promise<void>> {
  const { rows: foreignKeys } = await client.query<Definition>(`
    SELECT conrelid::regclass::text AS "tableName", conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    WHERE contype = 'f' AND connamespace = 'public'::regnamespace
    ORDER BY conrelid::regclass::text, conname`);
  const { rows: indexes } = await client.query<Definition>(`
    SELECT i.indrelid::regclass::text AS "tableName", c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace = 'public'::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY c.relname`);
  for (const fk of foreignKeys) {
    await client.query(`ALTER TABLE ${fk.tableName} DROP CONSTRAINT ${pg.escapeIdentifier(fk.name)}`);
  }
  for (const index of indexes) await client.query(`DROP INDEX public.${pg.escapeIdentifier(index.name)}`);
  return async () => {
    for (const index of indexes) await client.query(index.definition);
    for (const fk of foreignKeys) {
      await client.query(`ALTER TABLE ${fk.tableName} ADD CONSTRAINT ${pg.escapeIdentifier(fk.name)} ${fk.definition}`);
    }
  };
}
