import "server-only";
import { type Kysely, sql } from "kysely";
import { config } from "../../db/config";
import type { Billing } from "../../db/types";
import { addDaysTo, rangeInstants } from "../../params/dates";
import { earnedShare, earnedUsd, earningLines, lineHomeDay } from "../../sql/billing/earned-revenue";
import { refuseUnconverted, type UnconvertedCount } from "../../sql/billing/fx";
import { SCOPE_CATEGORIES, type Scope } from "../../sql/billing/revenue-scopes";
import { costedEntries, type HourCosts, hourCosts } from "../../sql/helpdesk/cost-rates";
import { DAY_ZERO, type DaySources, type DaySummary, type Days, firstStoredDay, fromDays } from "../../summary/days";
import { rolledUpPrevDays, ticketsOnce, ticketsOnceColumns } from "../../summary/tickets-once";
import type { QueryContext, SummaryUse } from "../types";
import { customersOf } from "./client-customers";
import type { ClientKey } from "./client-key";
import { wholeTable } from "./directory";
import { type AccountRevenue, ClientSums, type CustomerLabor, customerDirectory } from "./merge";
import { accountNames } from "./names";
import type { ProfitabilityParams } from "./params";
import type { ProfitabilityRow } from "./row";

/*
 * Client profitability, computed one way: two day summaries (lib/summary/days.ts),
 * labor on helpdesk and revenue on billing, each a `summarize` (the source's
 * rows of some days as day rows) and a `combine` (a range's day rows as one
 * row per customer, or per account). Stored days and fresh ones go through
 * the same two statements; no query can join the two databases, so the two
 * results and the names each side lacks are joined by account in merge.ts.
 */

/**
 * Labor of one helpdesk customer on one day (an entry's day is its start's
 * date in the reporting zone): minutes, cost in cents (each entry priced at
 * the cost rate and fx rate in force that day and rounded once, costedEntries)
 * and entries without a rate or an fx rate, which add up over days. Distinct
 * tickets do not: for each of the customer's tickets with time that day, the
 * day of the ticket's previous entry (`prev_days`, sorted day numbers since
 * DAY_ZERO; a ticket with no earlier entry counts in `tickets_first`). A
 * ticket counts in a range once, on its first day there: the one whose
 * previous entry is before the range, width_bucket(from − 1, prev_days).
 */
export interface LaborDay {
  day: string;
  customer_id: number;
  minutes: number;
  cents: string;
  missing_rates: number;
  unconverted: number;
  tickets_first: number;
  prev_days: number[] | null;
}

/** Every customer's labor, or only these customers' (a client's). */
export type CustomerIds = "all" | readonly number[];

/** New entries are the only change a day sees after its end (late rate and fx corrections: re-verification). */
export const LABOR_SETTLE_DAYS = 1;

export const laborDays: DaySummary<LaborDay, CustomerIds, HourCosts> = {
  table: "profit_labor_days",
  source: "helpdesk",
  columns: {
    customer_id: "int4",
    minutes: "int8",
    cents: "int8",
    missing_rates: "int8",
    unconverted: "int8",
    tickets_first: "int8",
    prev_days: "int4[]",
  },
  groupedBy: "customer_id",
  everything: "all",
  async firstDay(helpdesk) {
    // A day early: the first entry's day in the reporting zone may be the day before its UTC date.
    const { rows } = await sql<{ first: string | null }>`
      SELECT (min(started_at) - interval '1 day')::date AS first FROM time_entries`.execute(helpdesk);
    return rows[0]?.first ?? null;
  },
  // Cost rates live in helpdesk, fx rates in billing: read first, bound into the statement.
  prepare: (days, sources) => hourCosts(sources, days.from, days.to),
  summarize: summarizeLabor,
  rollup: rollupLabor(),
  storedIn: (ids) => (ids === "all" ? sql<boolean>`true` : sql<boolean>`customer_id = ANY(${ids}::int4[])`),
  watched: ["time_entries"],
  dirtiedBy(marks, timeZone) {
    // A new entry changes its own day, and the previous entry of its ticket as seen from the
    // ticket's next day with time (the first entry after the new entry's day ends).
    return sql<{ day: string }>`
      SELECT DISTINCT (x.at AT TIME ZONE ${timeZone})::date::text AS day
      FROM time_entries n
      CROSS JOIN LATERAL (VALUES (n.started_at), ((
        SELECT min(e.started_at) FROM time_entries e
        WHERE e.ticket_id = n.ticket_id
          AND e.started_at >= (((n.started_at AT TIME ZONE ${timeZone})::date + 1)::timestamp AT TIME ZONE ${timeZone})
      ))) x(at)
      WHERE n.id > ${marks.time_entries ?? 0}::int8 AND x.at IS NOT NULL`;
  },
};

/** One row per (customer, day) of the customers `ids` over the whole days `days` in `timeZone`. */
function summarizeLabor(days: Days, timeZone: string, ids: CustomerIds, costs: HourCosts) {
  const { start } = rangeInstants(days.from, days.to, timeZone);
  const customers = ids === "all" ? undefined : sql<number>`SELECT unnest(${ids}::int4[])`;
  return sql<LaborDay>`
    WITH ${costedEntries({ from: days.from, to: days.to, timeZone, costs, customers })},
    per_ticket AS (
      SELECT ticket_id, day, sum(minutes) AS minutes, sum(cents) AS cents,
             count(*) FILTER (WHERE missing_rate) AS missing_rates, count(*) FILTER (WHERE unconverted) AS unconverted
      FROM entries
      GROUP BY ticket_id, day
    ),
    touch AS (
      SELECT p.*, t.customer_id, lag(p.day) OVER (PARTITION BY p.ticket_id ORDER BY p.day) AS prev_day
      FROM per_ticket p
      JOIN tickets t ON t.id = p.ticket_id
    ),
    prev AS (
      -- The previous entry before these days: one probe of time_entries(ticket_id, started_at), only when needed.
      SELECT customer_id, day, minutes, cents, missing_rates, unconverted,
             coalesce(prev_day, (
               SELECT (max(x.started_at) AT TIME ZONE ${timeZone})::date FROM time_entries x
               WHERE x.ticket_id = touch.ticket_id AND x.started_at < ${start})) - ${DAY_ZERO}::date AS prev_no
      FROM touch
    )
    SELECT day, customer_id, sum(minutes)::int8 AS minutes, sum(cents)::int8 AS cents,
           sum(missing_rates)::int8 AS missing_rates, sum(unconverted)::int8 AS unconverted,
           ${ticketsOnceColumns("prev_no")}
    FROM prev
    GROUP BY day, customer_id`;
}

/**
 * A block's day rows (`day_rows`: days, or the rollups of its quarters) as
 * one row per customer of the same shape. A block's rollup answers only
 * ranges that hold the whole block, whose first day is on or before the
 * block's: a previous entry within the block is never before such a range,
 * so only the earlier ones are kept (one per ticket at most). A previous
 * entry within the block has a row of its own there, so the block's first
 * row (min(day)) bounds those.
 */
function rollupLabor() {
  return sql<Omit<LaborDay, "day">>`
    SELECT s.customer_id, s.minutes, s.cents, s.missing_rates, s.unconverted, s.tickets_first, pv.prev_days
    FROM (
      SELECT customer_id, sum(minutes)::int8 AS minutes, sum(cents)::int8 AS cents,
             sum(missing_rates)::int8 AS missing_rates, sum(unconverted)::int8 AS unconverted,
             sum(tickets_first)::int8 AS tickets_first
      FROM day_rows GROUP BY customer_id
    ) s
    LEFT JOIN ${rolledUpPrevDays("customer_id")} pv ON pv.customer_id = s.customer_id`;
}

type LaborSums = CustomerLabor & UnconvertedCount;

/**
 * The customers' labor over the days from `from` on (`day_rows`): sums, and
 * each ticket once. Counts and minutes are summed as int4 into an int8 (a
 * day's or a block's never nears 2^31, and one that did would fail the cast,
 * not be wrong): sum(int8) accumulates in 128 bits per group and ends in a
 * numeric, which made the last 30 days' combine twice as slow at scale 36
 * (44k customers: 172 → 98 ms). Cents keep the exact int8 sum.
 */
function combineLabor(from: string) {
  return sql<LaborSums>`
    SELECT customer_id, sum(minutes::int4) AS minutes, sum(cents)::int8 AS labor_cents,
           ${ticketsOnce(from)} AS tickets,
           sum(missing_rates::int4) AS missing_rates, sum(unconverted::int4) AS unconverted
    FROM day_rows
    GROUP BY customer_id`;
}

/**
 * Invoice lines by home day (a period line's first day, a one-off's issue
 * day), each with its account, category, whole period, exact USD amount
 * (amount × the fx rate in force on its issue date) and its whole earned
 * cents. A line earns in a range its days there (earnedUsd, rounded once);
 * that does not add up over days, but a line's own numbers do not depend on
 * the range, so a range reads the lines of the home days from the earliest
 * period still earning in it to its last day. One-offs of a day (and other
 * one-day periods) earn whole or not at all: summed per account and category.
 */
export interface RevenueDay {
  day: string;
  account_no: string;
  category: string;
  service_from: string;
  service_to: string;
  usd: string | null;
  cents: string | null;
  unconverted: number;
  unconverted_currency: string | null;
}

/** Which lines: products in scope, one account's, only lines earning on or after a day. */
export interface LineScope {
  products: Scope;
  accountNo?: string;
  earnsFrom?: string;
}

/**
 * A new line changes its home day only; a draft opened (or voided) dirties its lines' home days at the
 * next pass (pending); an open invoice voided, or a late fx rate, is found by re-verification.
 */
export const REVENUE_SETTLE_DAYS = 1;

export const revenueDays: DaySummary<RevenueDay, LineScope> = {
  table: "profit_revenue_days",
  source: "billing",
  columns: {
    account_no: "text",
    category: "text",
    service_from: "date",
    service_to: "date",
    usd: "numeric",
    cents: "int8",
    unconverted: "int8",
    unconverted_currency: "text",
  },
  // A range reads the lines still earning in it (service_to on or after its first day), however early they began;
  // a scope of some products reads only theirs (support: 27k of the last 30 days' 102k lines at scale 36).
  indexes: [["service_to"], ["category", "service_to"]],
  everything: { products: "all" },
  async firstDay(billing) {
    const { rows } = await sql<{ first: string | null }>`
      SELECT least((SELECT min(issued_on) FROM invoices),
                   (SELECT min(service_from) FROM invoice_lines WHERE service_to IS NOT NULL)) AS first`.execute(
      billing,
    );
    return rows[0]?.first ?? null;
  },
  summarize: summarizeRevenue,
  // No rollup: a line is one row wherever it is read, so a block would copy its days.
  storedIn: (scope) => {
    const categories = SCOPE_CATEGORIES[scope.products];
    return sql<boolean>`true
      ${categories ? sql`AND category = ANY(${[...categories]}::text[])` : sql``}
      ${scope.accountNo === undefined ? sql`` : sql`AND account_no = ${scope.accountNo}`}
      ${scope.earnsFrom === undefined ? sql`` : sql`AND service_to >= ${scope.earnsFrom}::date`}`;
  },
  watched: ["invoice_lines"],
  dirtiedBy(marks) {
    return sql<{ day: string }>`
      SELECT DISTINCT ${lineHomeDay}::text AS day
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id
      WHERE l.id > ${marks.invoice_lines ?? 0}::int8`;
  },
  // A draft counts nothing yet, but opening it (the usual next step) changes no id: drafts are watched.
  pending: {
    now: () => sql<{ id: string }>`SELECT id::text FROM invoices WHERE status = 'draft'`,
    settled: (ids) => sql<{ day: string }>`
      SELECT DISTINCT ${lineHomeDay}::text AS day
      FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
      WHERE i.id = ANY(${ids}::int8[]) AND i.status <> 'draft'`,
  },
};

/** The lines in `scope` whose home day is one of `days` (the zone plays no part: lines have dates). */
function summarizeRevenue(days: Days, _timeZone: string, scope: LineScope) {
  const home = { first: days.from, next: addDaysTo(days.to, 1) };
  // Earned over all time, so each line keeps its whole period.
  const lines = earningLines({
    from: "-infinity",
    to: "infinity",
    scope: scope.products,
    accountNo: scope.accountNo,
    home,
  });
  return sql<RevenueDay>`
    WITH ${lines}
    SELECT earn_from AS day, account_no, category, earn_from AS service_from, earn_to AS service_to,
           sum(amount * to_usd) AS usd, sum((${earnedUsd(sql`earn_from`, sql`earn_to`)} * 100)::int8) AS cents,
           count(*) FILTER (WHERE to_usd IS NULL) AS unconverted,
           min(currency) FILTER (WHERE to_usd IS NULL) AS unconverted_currency
    FROM lines
    ${scope.earnsFrom === undefined ? sql`` : sql`WHERE earn_to >= ${scope.earnsFrom}::date`}
    GROUP BY account_no, category, earn_from, earn_to, CASE WHEN period_days > 1 THEN id END`;
}

type AccountSums = AccountRevenue & UnconvertedCount;

/**
 * Each account's revenue over [from, to] from its lines (`day_rows`): a line
 * wholly inside the range its whole cents, any other its days in the range,
 * amount × to_usd × days / period days rounded to the cent once (earnedShare).
 */
function combineRevenue(range: Days) {
  const [from, to] = [sql`${range.from}::date`, sql`${range.to}::date`];
  const daysIn = sql`least(service_to, ${to}) - greatest(service_from, ${from}) + 1`;
  const earned = earnedShare(sql`usd`, daysIn, sql`service_to - service_from + 1`);
  return sql<AccountSums>`
    SELECT account_no,
           sum(CASE WHEN service_from >= ${from} AND service_to <= ${to} THEN cents
                    ELSE (${earned} * 100)::int8 END)::int8 AS revenue_cents,
           sum(unconverted::int4) AS unconverted, min(unconverted_currency) AS unconverted_currency
    FROM day_rows
    WHERE service_to >= ${from} AND service_from <= ${to}
    GROUP BY account_no`;
}

/**
 * The first home day to read for a range from `from`. When our database holds
 * revenue's days from billing's first on, its lines are found by their
 * `service_to` (the covering index), so every home day is read: two index
 * lookups on billing and one on ours, where asking billing for the earliest
 * period still earning walks hundreds of thousands of lines (110–200 ms at
 * scale 36). Otherwise (no database of ours, or its refresher has not reached
 * back that far) only the days from that earliest period on.
 */
async function firstHome(ctx: Pick<QueryContext, "billing" | "store" | "timeZone">, from: string): Promise<string> {
  if (ctx.store) {
    const [first, stored] = await Promise.all([
      revenueDays.firstDay(ctx.billing as Kysely<unknown>),
      firstStoredDay(ctx.store, revenueDays.table, ctx.timeZone).catch(() => null),
    ]);
    if (first === null) return from;
    if (stored !== null && stored <= first) return first < from ? first : from;
  }
  return earliestHome(ctx.billing, from);
}

/** The first home day of a line earning in a range from `from`: a period begun earlier (a yearly line), or `from`. */
async function earliestHome(billing: Kysely<Billing>, from: string): Promise<string> {
  const { rows } = await sql<{ first: string }>`
    SELECT least(${from}::date, (
      SELECT min(service_from) FROM invoice_lines
      WHERE service_to >= ${from}::date AND service_from < ${from}::date))::text AS first`.execute(billing);
  return rows[0]?.first ?? from;
}

type Sources = Pick<QueryContext, "helpdesk" | "billing" | "timeZone" | "store" | "summarized" | "now">;

/**
 * The report's rows, or one client's row when `client` is given (the
 * drill-down's summary, so both pages show the same numbers): labor per
 * customer and revenue per account from the day summaries, then the names
 * each side lacks, then the merge by account; the first `limit` rows.
 */
export async function loadProfitability(
  ctx: Sources,
  p: ProfitabilityParams,
  client?: ClientKey,
  limit?: number,
): Promise<ProfitabilityRow[]> {
  const uses: SummaryUse[] = [];
  const days = (source: Kysely<unknown>): DaySources => ({
    source,
    store: ctx.store,
    sources: ctx,
    timeZone: ctx.timeZone,
    now: ctx.now,
    refreshMs: config().LOOKBACK_SUMMARY_REFRESH_SECONDS * 1000,
    summarized: (use) => uses.push(use),
  });
  const revenue = async () => {
    if (client?.kind === "customer") return [];
    const range = { from: await firstHome(ctx, p.from), to: p.to };
    const scope = { products: p.scope, accountNo: client?.accountNo, earnsFrom: p.from };
    const rows = await fromDays(
      days(ctx.billing as Kysely<unknown>),
      revenueDays,
      range,
      scope,
      REVENUE_SETTLE_DAYS,
      combineRevenue(p),
    );
    refuseUnconverted(rows, "invoice lines", "their invoice's issue date");
    return rows;
  };
  // Each source runs a run's statements one after another on its snapshot: revenue's first (the first home
  // day, which its combine on our database waits for) goes ahead of the accounts' fingerprint, which only the
  // merge waits for. Names and accounts are read beside the numbers, not before them: every client's, or the
  // one client's; for every client the numbers do not wait for the names (12k of them: 0.1–0.2 s under load).
  const revenueRun = revenue();
  const names = Promise.all([customersIn(ctx, client), accountsIn(ctx, client)]);
  const labor = async () => {
    const customers: CustomerIds = client ? [...(await names)[0].slotOfCustomer.keys()] : "all";
    if (customers.length === 0) return [];
    const rows = await fromDays(
      days(ctx.helpdesk as Kysely<unknown>),
      laborDays,
      p,
      customers,
      LABOR_SETTLE_DAYS,
      combineLabor(p.from),
    );
    if (rows.some((r) => r.unconverted > 0)) {
      // Name the currencies: those of a rate in force on a day without an fx rate.
      refuseUnconverted(rows, "time entries", "their date", (await hourCosts(ctx, p.from, p.to)).unconvertible);
    }
    return rows;
  };
  // Each half joins the merge when it arrives, the first while the other's combine still runs.
  const clients = names.then(([known, accounts]) => new ClientSums(known, accounts));
  const add = <T>(rows: Promise<T>, to: (sums: ClientSums, rows: T) => void) =>
    Promise.all([clients, rows]).then(([sums, r]) => to(sums, r));
  await Promise.all([
    add(labor(), (sums, rows) => sums.addLabor(rows)),
    add(revenueRun, (sums, rows) => sums.addRevenue(rows)),
  ]);
  reportUse(ctx, uses, p.from);
  return (await clients).rows(limit);
}

type CustomerRow = { id: number; name: string; billing_account_no: string | null };

/** Every helpdesk customer (or the client's customers) as the merge's directory. */
async function customersIn(ctx: Pick<QueryContext, "helpdesk">, client: ClientKey | undefined) {
  const directory = (rows: CustomerRow[]) =>
    customerDirectory(rows.map((r) => ({ id: r.id, customer: r.name, account_no: r.billing_account_no })));
  if (!client) {
    return wholeTable(ctx.helpdesk as Kysely<unknown>, "customers", ["id", "name", "billing_account_no"], directory);
  }
  const { rows } = await sql<CustomerRow>`
    SELECT c.id, c.name, c.billing_account_no FROM customers c WHERE c.id IN (${customersOf(client)})`.execute(
    ctx.helpdesk,
  );
  return directory(rows);
}

/** Billing's name of every account (or of the client's). */
async function accountsIn(ctx: Pick<QueryContext, "billing">, client: ClientKey | undefined) {
  if (client?.kind === "customer") return new Map<string, string>();
  if (client) return accountNames(ctx.billing, [client.accountNo]);
  return wholeTable(
    ctx.billing as Kysely<unknown>,
    "accounts",
    ["account_no", "name"],
    (rows: { account_no: string; name: string }[]) => new Map(rows.map((r) => [r.account_no, r.name])),
  );
}

/** One line for the run's meta: the stored days both summaries answered from (the range's), and the oldest. */
function reportUse(ctx: Pick<QueryContext, "summarized">, uses: SummaryUse[], from: string) {
  if (uses.length === 0 || !ctx.summarized) return;
  const sorted = (values: string[]) => values.sort() as [string, ...string[]];
  const firsts = sorted(uses.map((u) => (u.first < from ? from : u.first)));
  const nexts = sorted(uses.map((u) => u.next));
  const computed = sorted(uses.map((u) => u.computedAt));
  ctx.summarized({ first: firsts[0], next: nexts[nexts.length - 1] as string, computedAt: computed[0] });
}
