import type { CompiledQuery, Kysely } from "kysely";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { Role, User } from "../auth/roles";
import type { Source } from "../db/sources";
import type { Billing, Helpdesk } from "../db/types";

/**
 * The contract every report fulfils. A report is one folder under
 * lib/reports/ exporting one `Report` and one line in registry.ts; the page,
 * the JSON/CSV API and the export all run it through runReport().
 */

/** A cell value as it crosses the wire: money and other numerics are exact decimal strings. */
export type Cell = string | number | boolean | null | Date | string[] | number[];
export type Row = Record<string, Cell>;

/** A statement that can be compiled (for COPY) and streamed through a cursor: a Kysely select. */
export interface ExportStatement<R> {
  compile(): CompiledQuery<R>;
  stream(chunkSize?: number): AsyncIterableIterator<R>;
}

export type ColumnType =
  | "text"
  | "integer"
  | "decimal" // exact decimal string
  | "money" // exact decimal string, in the report's currency
  | "percent" // a number: 0–100, or 0–1 when `fraction` is set
  | "duration" // a number of `unit`s
  | "date" // 'YYYY-MM-DD'
  | "instant" // Date, shown in the viewer's zone, sent as UTC ISO
  | "link"; // text shown as a link to `href(row)`

export interface Column<R extends Row = Row> {
  key: keyof R & string;
  label: string;
  type: ColumnType;
  description?: string;
  /** duration unit of the value */
  unit?: "seconds" | "minutes";
  /** A duration of work (time logged): hours and minutes, never days (114h 24m, not the 4d 18h a wait reads as). */
  inHours?: boolean;
  /** percent given as a fraction 0–1 */
  fraction?: boolean;
  /** money currency code, USD unless said */
  currency?: string;
  /**
   * How the table footer totals this column; no footer cell when absent. Hours rounded per row do not add
   * up: `{ hoursOf: "minutes" }` totals them as the exact sum of that minutes column / 60, rounded once.
   */
  total?: "sum" | "median" | { hoursOf: keyof R & string };
  /** For `link` columns (and any column that should link): where a cell points. */
  href?: (row: R) => string | null;
  /** Hidden by default in the table (still exported). */
  hidden?: boolean;
  /** Only these roles get the column (table, JSON, CSV); its query leaves the value out for the others too. */
  roles?: readonly Role[];
}

export interface ChartSpec<R extends Row = Row> {
  kind: "bar" | "line" | "scatter";
  title: string;
  /** x axis: a column key (category or number) */
  x: keyof R & string;
  /** one series per key */
  y: (keyof R & string)[];
  /** A diagonal y = x reference line (break-even), for scatter charts. */
  diagonal?: boolean;
  /** Label for points in scatter charts. */
  label?: keyof R & string;
}

/** What a report's query receives: one read-only transaction per source it declared. */
export interface QueryContext {
  helpdesk: Kysely<Helpdesk>;
  billing: Kysely<Billing>;
  /**
   * Lookback's own database (LOOKBACK_DATABASE_URL), where derived indexes
   * live (lib/history); null when none is configured. Not a source: nothing
   * here exists only here.
   */
  store: Kysely<unknown> | null;
  /** Return at most this many rows (the cap + 1, so truncation can be detected); Infinity for exports. */
  limit: number;
  /** The reporting time zone (LOOKBACK_TZ): date ranges are whole days there. */
  timeZone: string;
  /** The instant the run started: every "now" inside a report is this one. */
  now: Date;
  user: User;
  signal?: AbortSignal;
  /** A report that read stored day summaries (lib/summary) says which days, and how fresh. */
  summarized?: (use: SummaryUse) => void;
}

/** Which days of a result came from the stored day summaries (lib/summary), and when the oldest of them was computed. */
export interface SummaryUse {
  /** The first day read from the stored day summaries and the day after the last ('YYYY-MM-DD'). */
  first: string;
  next: string;
  computedAt: string;
}

export type Audience = "managers" | "team leads" | "techs";

export interface ViewProps<P, R extends Row> {
  params: P;
  rows: R[];
  /** More rows existed than the row cap: `rows` holds the first of them, and sums over them are partial. */
  truncated: boolean;
  user: User;
  searchParams: Record<string, string | string[] | undefined>;
}

export interface Report<S extends z.ZodType = z.ZodType, R extends Row = Row> {
  id: string;
  title: string;
  /** One paragraph: what it answers and how its numbers are defined. */
  description: string;
  /** One sentence of what it answers, leading the catalog card and the page (else the description's first sentence). */
  summary?: string;
  audience: Audience;
  roles: readonly Role[];
  /** A page of its own that the catalog links to instead of /reports/{id} (which still works). */
  page?: string;
  /**
   * A sub-report: one panel of a page that belongs to the report `parent`
   * (the tech page of tech-scorecard, a client of client-profitability),
   * not listed in the catalog. Otherwise a report like any other: in the
   * registry, prepared and run by the same prepare() and runCached(), so it
   * gets the role check, the heavy lane, the cache, View SQL, the audit line
   * and the JSON/CSV API. Parameters the page's path carries are ordinary
   * parameters (marked `known(…, { path: true })` so an unknown one is a 404);
   * a row the caller may not see refuses the run (`notYours`, 403).
   */
  parent?: string;
  params: S;
  sources: readonly Source[];
  columns: Column<R>[];
  chart?: ChartSpec<R>;
  /** CSS classes for some cells of a row (e.g. `cell-bad`, `cell-warn`, `cell-good`), keyed by column. */
  cellClasses?: (row: R) => Record<string, string> | undefined;
  /** Where a click on a row leads (drill-down). */
  drill?: (row: R, params: z.output<S>) => string | null;
  /** Per-report statement timeout, when the default (LOOKBACK_STATEMENT_TIMEOUT_MS) does not fit. */
  timeoutMs?: number;
  /**
   * Runs that can take seconds (a year of every tech, every client): at most
   * half of a source's pool runs heavy reports at once, the others wait for a
   * place (up to LOOKBACK_QUEUE_TIMEOUT_MS), so light reports (a certificate
   * lookup, one tech's scorecard) always find a connection. A function
   * decides per run (one tech's scorecard is light, every tech's is not).
   */
  heavy?: boolean | ((params: z.output<S>) => boolean);
  /**
   * Quick lookups (a certificate, one tech): they never queue behind other
   * reports for a connection, a third of each source's pool being kept for
   * them (sharedGate in lib/db/pool.ts). A function decides per run.
   */
  lookup?: boolean | ((params: z.output<S>) => boolean);
  /**
   * At most this many rows for a page or a JSON answer, when fewer than LOOKBACK_ROW_CAP suit the
   * report: a search (a fragment of a name matching 25,000 certificates) shows its best matches, and
   * the page says there are more. Exports are not cut by it.
   */
  rowCap?: number;
  /**
   * Planner settings for the run's transactions (SET LOCAL), sent with its
   * BEGIN: no round trip of their own. A setting, not a write: a hot standby
   * allows it.
   */
  settings?: Readonly<Record<string, string>>;
  query: (ctx: QueryContext, params: z.output<S>) => Promise<R[]>;
  /**
   * Optional: the report's rows as one statement on its one source, for
   * exports of any size in constant memory. A whole export is that statement
   * under COPY (PostgreSQL writes the CSV: lib/reports/copy-csv.ts); a
   * filtered view reads it through a cursor. `query` gives the same rows
   * (usually this statement with `ctx.limit`). Without it, an export runs
   * `query` with LOOKBACK_EXPORT_ROW_CAP as the limit.
   */
  exportQuery?: (ctx: QueryContext, params: z.output<S>) => ExportStatement<R>;
  /** Extra content above the table (summary tiles, a custom chart), rendered on the server. */
  View?: (props: ViewProps<z.output<S>, R>) => ReactNode | Promise<ReactNode>;
  /** The View says why a result is empty (the lookup: "No certificate matches."), so the page adds no line of its own. */
  viewSaysEmpty?: boolean;
}

/** The columns `user` may see: a column limited to some roles (money, say) is left out for the others. */
export function columnsFor<R extends Row>(report: { columns: Column<R>[] }, user: Pick<User, "role">): Column<R>[] {
  return report.columns.filter((c) => !c.roles || c.roles.includes(user.role));
}

/** The report as `user` sees it: the same report with only the columns their role may see. */
export function forViewer<R extends { columns: Column<Row>[] }>(report: R, user: Pick<User, "role">): R {
  const columns = columnsFor(report, user);
  return columns.length === report.columns.length ? report : { ...report, columns };
}

/** Declares a report with its types inferred from the schema and row type. */
export function defineReport<S extends z.ZodType, R extends Row>(report: Report<S, R>): Report<S, R> {
  return report;
}
