import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { copyAcross } from "../../demo/copy";
import { processWide } from "../../process-wide";
import { checkRtSchema } from "./check";
import { DERIVE_VERSION, derive } from "./derive";
import { type CostRate, parseCostRates, type RtMapping } from "./mapping";
import { COPY_SCHEMA, createCopySchema, ensureRequestors, ensureStore } from "./store";
import { RT_COLUMNS, type RtTable, type RtVersion, TRANSACTION_FILTER } from "./tables";

/**
 * The Request Tracker ingester: one pass copies what is new on the RT
 * replica into our own database and re-derives what it touched (derive.ts).
 *
 * Reads on RT are single statements (each its own snapshot) over primary-key
 * ranges or index lookups, short enough for a hot standby. Writes in our
 * database are one transaction per pass: a pass that fails leaves the copy
 * as it was, and the job engine retries it. The first pass (or one after a
 * change of translation) rebuilds: RT's rows are copied batch by batch (each
 * batch committed, so the copy rides on), then the helpdesk tables are
 * derived into a new schema swapped in at once.
 */
export interface IngestOptions {
  rtUrl: string;
  storeUrl: string;
  mapping: RtMapping;
  /** Compare every block of transaction ids with RT's (catches shredded rows); the per-minute job asks for it. */
  reconcile?: boolean;
  /** Rebuild from scratch whatever the state. */
  rebuild?: boolean;
  onProgress?: (message: string) => void;
}

export interface PassResult {
  rebuilt: boolean;
  /** Transactions copied in this pass (new ones plus re-read blocks). */
  transactions: number;
  /** Tickets re-derived. */
  tickets: number;
  highWater: number;
  ms: number;
}

const pools = processWide("rt-ingest-pools", () => new Map<string, pg.Pool>());
const versions = processWide("rt-versions", () => new Map<string, RtVersion>());
/** The high-water mark each store had after this process's last pass there. */
const marks = processWide("rt-marks", () => new Map<string, number>());

function poolFor(url: string, role: "rt" | "store"): pg.Pool {
  const key = `${role} ${url}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new pg.Pool({ ...sessionOptions(url, role), max: 1 });
    pool.on("error", () => {});
    pools.set(key, pool);
  }
  return pool;
}

function sessionOptions(url: string, role: "rt" | "store"): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: `lookback:rt-ingest`,
    options:
      role === "rt"
        ? "-c TimeZone=UTC -c default_transaction_read_only=on -c statement_timeout=600000"
        : "-c TimeZone=UTC",
  };
}

export async function closeIngestPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  versions.clear();
  marks.clear();
  await Promise.all(all.map((p) => p.end()));
}

/** The RT version behind `rtUrl`, checked once per process (throws RtSchemaError naming what is missing). */
export async function rtVersion(rtUrl: string): Promise<RtVersion> {
  const known = versions.get(rtUrl);
  if (known) return known;
  const client = await poolFor(rtUrl, "rt").connect();
  try {
    const version = await checkRtSchema(client);
    versions.set(rtUrl, version);
    return version;
  } finally {
    client.release();
  }
}

/** What one look at RT saw (look()), and behind which high-water mark. */
interface Seen {
  small: string;
  techs: string;
  top: number;
  block: string;
  highWater: number;
}

interface State {
  version: number;
  rt_version: string;
  built: boolean;
  high_water: number;
  reconciled_to: number;
  inputs_key: string | null;
  /** Our count and id sum of the overlap block behind the high-water mark. */
  ours: string;
}

export async function ingestPass(options: IngestOptions): Promise<PassResult> {
  const started = performance.now();
  const version = await rtVersion(options.rtUrl);
  const rt = (await poolFor(options.rtUrl, "rt").connect()) as pg.PoolClient;
  const store = (await poolFor(options.storeUrl, "store").connect()) as pg.PoolClient;
  try {
    const costRates = await readCostRates(options.mapping);
    const pass = new Pass(rt, store, version, options, costRates);
    // Our state and the look at RT side by side, the block behind the mark taken from the last pass here
    // (looked at again in the rare pass where the mark moved elsewhere).
    const guess = marks.get(options.storeUrl);
    const [state, early] = await Promise.all([
      readState(store, options.mapping.overlap),
      guess === undefined || options.rebuild ? undefined : pass.lookBehind(guess),
    ]);
    const current = state?.built && state.version === DERIVE_VERSION && state.rt_version === version;
    const result = current && !options.rebuild ? await pass.increment(state, early) : await pass.rebuild();
    marks.set(options.storeUrl, result.highWater);
    return { ...result, ms: Math.round(performance.now() - started) };
  } catch (error) {
    await store.query("ROLLBACK").catch(() => {});
    await store
      .query("UPDATE rt_ingest.state SET failed_at = now(), failure = $1", [plainReason(error)])
      .catch(() => {});
    throw error;
  } finally {
    rt.release();
    store.release();
  }
}

/**
 * The ingester's state with our count and id sum of the block behind its high-water mark (one
 * statement, as an idle pass has few); none before the first pass, which creates the store.
 */
async function readState(store: pg.PoolClient, overlap: number): Promise<State | undefined> {
  try {
    const { rows } = await store.query<State>(
      `SELECT s.*, (${blockSql("rt_raw.transactions", `greatest(0, s.high_water - ${Math.trunc(overlap)})`, "s.high_water")}) AS ours
       FROM rt_ingest.state s`,
    );
    return rows[0];
  } catch (error) {
    const code = (error as { code?: string }).code;
    // undefined_table, invalid_schema_name: a new store.
    if (code !== "42P01" && code !== "3F000") throw error;
    await ensureStore(store);
    return undefined;
  }
}

/** What the pages say when the copy is stale: the failure in words a manager can act on. */
function plainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || /connect|terminat/i.test(message)) {
    return `Request Tracker's database cannot be reached (${message})`;
  }
  return `copying from Request Tracker failed: ${message}`;
}

async function readCostRates(mapping: RtMapping): Promise<CostRate[]> {
  if (!mapping.costRatesFile) return [];
  return parseCostRates(await readFile(mapping.costRatesFile, "utf8"), mapping.costRatesFile);
}

const literal = (value: string) => pg.escapeLiteral(value);
/** Count and id sum of a block of transaction ids: equal on both sides means nothing went missing or arrived late in it. */
const blockSql = (table: string, from: number | string, to: number | string) =>
  `SELECT count(*)::text || ':' || coalesce(sum(id), 0)::text FROM ${table} WHERE id > ${from} AND id <= ${to} AND ${TRANSACTION_FILTER}`;
const idList = (ids: readonly number[]) => `'{${ids.map((id) => Math.trunc(id)).join(",")}}'`;

class Pass {
  copied = 0;

  constructor(
    private rt: pg.Client,
    private store: pg.Client,
    private version: RtVersion,
    private options: IngestOptions,
    private costRates: CostRate[],
  ) {}

  private select(table: RtTable, where: string): string {
    const columns: string[] = [...RT_COLUMNS[table]];
    if (table === "transactions") {
      columns.push(...(this.version === "6.0" ? ["timeworker", "timeworkeddate"] : ["0", "NULL::date"]));
    }
    return `SELECT ${columns.join(", ")} FROM ${table} WHERE ${where}`;
  }

  private target(table: RtTable): string {
    const columns: string[] = [...RT_COLUMNS[table]];
    if (table === "transactions") columns.push("timeworker", "timeworkeddate");
    return `rt_raw.${table} (${columns.join(", ")})`;
  }

  /** Streams RT rows into our raw table (COPY both ways). */
  private async copy(table: RtTable, where: string): Promise<void> {
    await copyAcross(this.rt, this.select(table, where), this.store, this.target(table));
  }

  /**
   * The tables that are few rows (users, groups, members, queues, custom fields) and what of each we
   * read: re-read whole when RT's fingerprint of exactly these rows changed.
   */
  private smallTables(): [RtTable, string][] {
    const m = this.options.mapping;
    const groups = "lower(domain) IN ('userdefined', 'systeminternal')";
    const members = `id IN (SELECT memberid FROM groupmembers WHERE groupid IN (SELECT id FROM groups WHERE ${groups}))`;
    const cf = (name: string, lookup: string) =>
      `customfield IN (SELECT id FROM customfields WHERE name = ${literal(name)} AND lookuptype = ${literal(lookup)})`;
    return [
      ["groups", groups],
      ["groupmembers", `groupid IN (SELECT id FROM groups WHERE ${groups})`],
      ["users", members],
      ["principals", members],
      ["queues", "true"],
      ["customfields", "true"],
      ["customfieldvalues", cf(m.customers.customField, "RT::Queue-RT::Ticket")],
      [
        "objectcustomfieldvalues",
        `${cf(m.queues.teamCustomField, "RT::Queue")} AND objecttype = 'RT::Queue' AND disabled = 0`,
      ],
    ];
  }

  private async snapshot(): Promise<void> {
    await this.store.query(`
      DELETE FROM rt_raw.users; DELETE FROM rt_raw.principals; DELETE FROM rt_raw.groups; DELETE FROM rt_raw.groupmembers;
      DELETE FROM rt_raw.queues; DELETE FROM rt_raw.customfields; DELETE FROM rt_raw.customfieldvalues;
      DELETE FROM rt_raw.objectcustomfieldvalues WHERE objecttype = 'RT::Queue'`);
    for (const [table, where] of this.smallTables()) await this.copy(table, where);
  }

  /**
   * One statement on RT: a fingerprint of the small tables' rows as we read them, one of who is a tech
   * (RT's Privileged group: it changes how every ticket reads), the top transaction id, and the count
   * and id sum of the block behind the high-water mark.
   */
  private async look(from: number, to: number): Promise<Omit<Seen, "highWater">> {
    const digest = (query: string) =>
      `(SELECT coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') FROM (${query}) x)`;
    const small = this.smallTables()
      .map(([table, where]) => digest(this.select(table, where)))
      .join(" || ");
    const { rows } = await this.rt.query<{ small: string; techs: string; top: string | null; block: string }>(
      `SELECT md5(${small}) AS small,
              (SELECT coalesce(md5(string_agg(gm.memberid::text, ',' ORDER BY gm.memberid)), '')
               FROM groupmembers gm JOIN groups g ON g.id = gm.groupid
               WHERE g.domain = 'SystemInternal' AND g.name = 'Privileged') AS techs,
              (SELECT max(id) FROM transactions) AS top,
              (${blockSql("transactions", from, to)}) AS block`,
    );
    const row = rows[0] as { small: string; techs: string; top: string | null; block: string };
    return { ...row, top: Number(row.top ?? 0) };
  }

  private byOrganization(): boolean {
    return this.options.mapping.customers.source === "requestorOrganization";
  }

  /**
   * The requestors of tickets (`instance` is the ticket id) that have an Organization, read through
   * RT's own indexes (Groups1 on the role group, GroupMembers1, the users' key).
   */
  private async copyRequestors(instance: string): Promise<void> {
    await copyAcross(
      this.rt,
      `SELECT g.instance, gm.id, u.organization FROM groups g
       JOIN groupmembers gm ON gm.groupid = g.id JOIN users u ON u.id = gm.memberid
       WHERE lower(g.domain) = 'rt::ticket-role' AND lower(g.name) = 'requestor' AND g.instance ${instance}
         AND coalesce(u.organization, '') <> ''`,
      this.store,
      "rt_raw.ticket_requestors (ticket_id, member_row, organization)",
    );
  }

  private ticketFields(): string {
    const m = this.options.mapping;
    const names = [m.customers.customField, m.channel.customField].map(literal).join(", ");
    return `customfield IN (SELECT id FROM customfields WHERE name IN (${names}) AND lookuptype = 'RT::Queue-RT::Ticket') AND objecttype = 'RT::Ticket' AND disabled = 0`;
  }

  private async rtMaxId(table: "transactions" | "tickets" | "objectcustomfieldvalues"): Promise<number> {
    const { rows } = await this.rt.query<{ max: string | null }>(`SELECT max(id) AS max FROM ${table}`);
    return Number(rows[0]?.max ?? 0);
  }

  private async copyRanges(
    table: "transactions" | "tickets" | "objectcustomfieldvalues",
    from: number,
    to: number,
    extra: string,
  ) {
    const step = this.options.mapping.batch;
    for (let a = from; a < to; a += step) {
      const b = Math.min(a + step, to);
      await this.copy(table, `id > ${a} AND id <= ${b}${extra ? ` AND ${extra}` : ""}`);
      this.options.onProgress?.(`${table}: ids up to ${b} of ${to}`);
    }
  }

  private async copyTransactions(): Promise<void> {
    const tx = await this.rtMaxId("transactions");
    const step = this.options.mapping.batch;
    for (let a = 0; a < tx; a += step) {
      const b = Math.min(a + step, tx);
      await this.store.query("BEGIN");
      await this.copy("transactions", `id > ${a} AND id <= ${b} AND ${TRANSACTION_FILTER}`);
      await this.store.query("COMMIT");
      this.options.onProgress?.(`transactions: ids up to ${b} of ${tx}`);
    }
  }

  /** Tickets (with their requestors when customers come from organizations) and their custom field values. */
  private async copyTickets(): Promise<void> {
    const store = this.store;
    const step = this.options.mapping.batch;
    await store.query("BEGIN");
    const topTicket = await this.rtMaxId("tickets");
    await this.copyRanges("tickets", 0, topTicket, "");
    if (this.byOrganization()) {
      for (let a = 0; a < topTicket; a += step) await this.copyRequestors(`> ${a} AND g.instance <= ${a + step}`);
    }
    await store.query("COMMIT");
    await store.query("BEGIN");
    await this.copyRanges(
      "objectcustomfieldvalues",
      0,
      await this.rtMaxId("objectcustomfieldvalues"),
      this.ticketFields(),
    );
    await store.query("COMMIT");
  }

  async rebuild(): Promise<Omit<PassResult, "ms">> {
    const store = this.store;
    const say = this.options.onProgress ?? (() => {});
    await store.query("BEGIN");
    await ensureRequestors(store);
    await store.query(`
      TRUNCATE rt_raw.transactions, rt_raw.tickets, rt_raw.objectcustomfieldvalues, rt_raw.ticket_requestors;
      INSERT INTO rt_ingest.state (version, rt_version, built) VALUES (${DERIVE_VERSION}, ${literal(this.version)}, false)
      ON CONFLICT (one) DO UPDATE SET version = excluded.version, rt_version = excluded.rt_version, built = false,
        high_water = 0, reconciled_to = 0`);
    await store.query("COMMIT");
    // Batches of RT's rows, each committed: a failure part-way keeps what was copied for the retry to overwrite.
    // The key and the lookup index are built once at the end, after the derive (which reads every row, in place);
    // the index is on objectid alone (a third of the time of RT's (objecttype, objectid) to build; both kinds of
    // object we keep are looked up by id).
    await store.query(
      `DROP INDEX IF EXISTS rt_raw.transactions1; DROP INDEX IF EXISTS rt_raw.transactions_objectid;
       ALTER TABLE rt_raw.transactions DROP CONSTRAINT IF EXISTS transactions_pkey`,
    );
    // The tickets and their custom field values are copied meanwhile, on a second pair of sessions.
    const rtSide = new pg.Client(sessionOptions(this.options.rtUrl, "rt"));
    const storeSide = new pg.Client(sessionOptions(this.options.storeUrl, "store"));
    try {
      await Promise.all([rtSide.connect(), storeSide.connect()]);
      const side = new Pass(rtSide, storeSide, this.version, this.options, this.costRates);
      // Both run to their end before a failure of either is thrown (neither session is left mid-COPY).
      const done = await Promise.allSettled([this.copyTransactions(), side.copyTickets()]);
      for (const d of done) if (d.status === "rejected") throw d.reason;
    } finally {
      await Promise.all([rtSide.end(), storeSide.end()]);
    }
    // The copy itself: derived into a new schema, swapped in with the state in one transaction.
    await store.query("BEGIN");
    // Sorts and hashes over every transaction stay in memory; and joins over every ticket are hash joins:
    // the planner, which knows nothing yet of the new tables, would probe them row by row (the time
    // entries of a scale-3 history: 15.8 s by index probes, 9.2 s hashed).
    await store.query("SET LOCAL work_mem = '256MB'; SET LOCAL enable_nestloop = off");
    const seen = await this.look(0, 0);
    await this.snapshot();
    await store.query("ANALYZE rt_raw.transactions; ANALYZE rt_raw.tickets; ANALYZE rt_raw.objectcustomfieldvalues");
    const next = `${COPY_SCHEMA}_next`;
    await createCopySchema(store, next);
    say("deriving the helpdesk tables");
    // As pg_restore does: keys and indexes are built once over the loaded tables, not row by row (the
    // primary keys too of the three big tables, which the derive fills with plain INSERTs).
    const { rows: deferred } = await store.query<{ drop: string; add: string }>(
      `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS add
       FROM pg_constraint c WHERE c.connamespace = $1::text::regnamespace AND c.contype = 'f'
       UNION ALL
       SELECT format('DROP INDEX %I.%I', n.nspname, c.relname), pg_get_indexdef(c.oid)
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1::text AND NOT x.indisunique
       UNION ALL
       SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
       FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
       WHERE c.connamespace = $1::text::regnamespace AND c.contype = 'p'
         AND r.relname IN ('ticket_events', 'ticket_comments', 'time_entries')`,
      [next],
    );
    for (const d of deferred) await store.query(d.drop);
    await derive(store, next, {
      mapping: this.options.mapping,
      costRates: this.costRates,
      tickets: null,
      onStatement: (what, ms) => ms >= 1000 && say(`derive ${ms} ms: ${what}`),
    });
    const t = performance.now();
    for (const d of deferred) {
      const started = performance.now();
      await store.query(d.add);
      const ms = Math.round(performance.now() - started);
      if (ms >= 1000) say(`key ${ms} ms: ${d.add.slice(0, 90)}`);
    }
    await store.query(`ALTER TABLE rt_raw.transactions ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);
      CREATE INDEX transactions_objectid ON rt_raw.transactions (objectid)`);
    say(`keys and indexes rebuilt in ${Math.round(performance.now() - t)} ms`);
    await store.query(`DROP SCHEMA IF EXISTS ${COPY_SCHEMA} CASCADE; ALTER SCHEMA ${next} RENAME TO ${COPY_SCHEMA}`);
    const highWater = await this.finish(this.inputsKey(seen));
    await store.query("COMMIT");
    const tickets = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${COPY_SCHEMA}.tickets`);
    const copied = await store.query<{ n: number }>("SELECT count(*)::int AS n FROM rt_raw.transactions");
    return { rebuilt: true, transactions: copied.rows[0]?.n ?? 0, tickets: tickets.rows[0]?.n ?? 0, highWater };
  }

  /** Writes the state at the end of a pass; returns the high-water mark. */
  private async finish(inputs: string, reconciledTo?: number): Promise<number> {
    const { rows } = await this.store.query<{ high_water: number }>(
      `UPDATE rt_ingest.state SET built = true, passed_at = now(), failed_at = NULL, failure = NULL, inputs_key = $2,
         reconciled_to = coalesce($1, reconciled_to),
         high_water = coalesce((SELECT max(id) FROM rt_raw.transactions), 0),
         last_txn_at = (SELECT created FROM rt_raw.transactions ORDER BY id DESC LIMIT 1)
       RETURNING high_water`,
      [reconciledTo ?? null, inputs],
    );
    return rows[0]?.high_water ?? 0;
  }

  /** Whether a block of ids differs between RT and our copy. */
  private async blockDiffers(from: number, to: number): Promise<boolean> {
    const [theirs, ours] = await Promise.all([
      this.rt.query<{ k: string }>(`SELECT (${blockSql("transactions", from, to)}) AS k`),
      this.ourBlock(from, to),
    ]);
    return theirs.rows[0]?.k !== ours;
  }

  private async ourBlock(from: number, to: number): Promise<string> {
    const { rows } = await this.store.query<{ k: string }>(
      `SELECT (${blockSql("rt_raw.transactions", from, to)}) AS k`,
    );
    return rows[0]?.k ?? "";
  }

  /** Re-reads a block of transaction ids; returns the tickets named by the rows before and after. */
  private async rereadBlock(from: number, to: number): Promise<number[]> {
    const range = `id > ${from} AND id <= ${to}`;
    const { rows } = await this.store.query<{ id: number }>(
      `DELETE FROM rt_raw.transactions WHERE ${range} RETURNING objectid AS id, objecttype`,
    );
    await this.copy("transactions", `${range} AND ${TRANSACTION_FILTER}`);
    const after = await this.store.query<{ id: number }>(
      `SELECT DISTINCT objectid AS id FROM rt_raw.transactions WHERE ${range} AND objecttype = 'RT::Ticket'`,
    );
    return [...rows.map((r) => r.id), ...after.rows.map((r) => r.id)];
  }

  /** look() at the block of `overlap` ids behind a high-water mark. */
  async lookBehind(highWater: number): Promise<Seen> {
    const seen = await this.look(Math.max(0, highWater - this.options.mapping.overlap), highWater);
    return { ...seen, highWater };
  }

  async increment(state: State, early?: Seen): Promise<Omit<PassResult, "ms">> {
    const store = this.store;
    const m = this.options.mapping;
    const hw = Number(state.high_water);
    // Ids commit out of order: a block behind the mark may have gained rows since it was read.
    const lo = Math.max(0, hw - m.overlap);
    // An idle pass is this look at RT and at our side of the same block, then the time of the pass.
    const seen = early?.highWater === hw ? early : await this.lookBehind(hw);
    const inputs = this.inputsKey(seen);
    const was = (state.inputs_key ?? "").split(":");
    const now = inputs.split(":");
    // A new mapping may read what the raw copy does not hold (another custom field, the requestors'
    // organizations): the copy is taken from RT again, as on a first pass.
    if (now[0] !== was[0]) return this.rebuild();
    const dimsChanged = inputs !== state.inputs_key;
    const lateRows = hw > lo && seen.block !== state.ours;
    if (!dimsChanged && !lateRows && seen.top <= hw && !this.options.reconcile) {
      await store.query("UPDATE rt_ingest.state SET passed_at = now(), failed_at = NULL, failure = NULL");
      return { rebuilt: false, transactions: 0, tickets: 0, highWater: hw };
    }
    await store.query("BEGIN");
    await store.query("SELECT 1 FROM rt_ingest.state FOR UPDATE");
    if (now[2] !== was[2]) await this.snapshot();
    // A user who became (or stopped being) a tech changes how every ticket reads.
    const everyTicket = now[1] !== was[1];
    const touched = new Set<number>();
    if (lateRows) for (const id of await this.rereadBlock(lo, hw)) touched.add(id);
    let reconciledTo: number | undefined;
    if (this.options.reconcile) {
      // One block per minute (the safety-net job): shredded tickets take their transactions with them.
      const block = m.batch * 20;
      const from = state.reconciled_to >= lo ? 0 : Number(state.reconciled_to);
      const to = Math.min(from + block, lo);
      if (to > from && (await this.blockDiffers(from, to)))
        for (const id of await this.rereadBlock(from, to)) touched.add(id);
      reconciledTo = to;
    }
    const top = seen.top;
    if (top > hw) {
      await this.copyRanges("transactions", hw, top, TRANSACTION_FILTER);
      const { rows } = await store.query<{ id: number }>(
        `SELECT DISTINCT objectid AS id FROM rt_raw.transactions WHERE id > $1 AND objecttype = 'RT::Ticket'`,
        [hw],
      );
      for (const r of rows) touched.add(r.id);
    }
    if (touched.size > 0) {
      await this.refreshTickets([...touched]);
      // A merge moves the tickets already merged into the ticket too, without a transaction on them.
      const { rows } = await store.query<{ id: number }>(
        "SELECT id FROM rt_raw.tickets WHERE effectiveid = ANY ($1::int[]) AND NOT (id = ANY ($1::int[]))",
        [[...touched]],
      );
      if (rows.length > 0) {
        await this.refreshTickets(rows.map((r) => r.id));
        for (const r of rows) touched.add(r.id);
      }
    }
    if (touched.size > 0 || dimsChanged) {
      await derive(store, COPY_SCHEMA, {
        mapping: m,
        costRates: this.costRates,
        tickets: everyTicket ? null : [...touched],
      });
    }
    const highWater = await this.finish(inputs, reconciledTo);
    await store.query("COMMIT");
    const copied = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM rt_raw.transactions WHERE id > $1",
      [hw],
    );
    return { rebuilt: false, transactions: copied.rows[0]?.n ?? 0, tickets: touched.size, highWater };
  }

  /** Re-reads tickets (and their custom field values) by id, in chunks of index lookups. */
  private async refreshTickets(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 5_000) {
      const chunk = ids.slice(i, i + 5_000);
      await this.store.query(
        `DELETE FROM rt_raw.tickets WHERE id = ANY ($1::int[]);
         DELETE FROM rt_raw.objectcustomfieldvalues WHERE objecttype = 'RT::Ticket' AND objectid = ANY ($1::int[])`.replaceAll(
          "$1",
          idList(chunk),
        ),
      );
      await this.copy("tickets", `id = ANY (${idList(chunk)}::int[])`);
      if (this.byOrganization()) {
        await this.store.query(`DELETE FROM rt_raw.ticket_requestors WHERE ticket_id = ANY (${idList(chunk)}::int[])`);
        await this.copyRequestors(`= ANY (${idList(chunk)}::int[])`);
      }
      await this.copy(
        "objectcustomfieldvalues",
        `${this.ticketFields()} AND objectid = ANY (${idList(chunk)}::bigint[])`,
      );
    }
  }

  /**
   * What the derived tables depend on besides the transactions: the mapping, who is a tech, the small
   * tables (RT's fingerprints, from look()) and the cost rates. A change derives the small tables again
   * (every ticket when one of the first two changed), and a replaced cost-rate file is taken up on the next pass.
   */
  inputsKey(seen: { techs: string; small: string }): string {
    const md5 = (value: unknown) => createHash("md5").update(JSON.stringify(value)).digest("hex");
    return [md5(this.options.mapping), seen.techs, seen.small, md5(this.costRates)].join(":");
  }
}
