import { createLoader, createParser, createSerializer, parseAsInteger, parseAsNativeArrayOf } from "nuqs/server";
import type { ParamIssue, RawParams } from "../params/parse";

/**
 * The result table's state in the URL, beside the report's parameters:
 *
 *   sort=hours.desc            one column, asc or desc
 *   filter=team:north          one per filtered column, `key:text` (repeated)
 *   filter=hours:>10           numeric columns take >, >=, <, <=, = and a..b
 *   hide=email,phone           the hidden columns (`none`: show every column)
 *   page=3&pageSize=100        1-based page, 1..1000 rows (default 100)
 *
 * Parsed once with nuqs, on the server (the page and the API) and in the
 * browser (the table's controls), then checked against the report's own
 * column keys. No report parameter uses these names (each report's params
 * were checked), and prepare() never sees them: splitTableParams takes them off first.
 */
export const TABLE_KEYS = ["sort", "filter", "hide", "page", "pageSize"] as const;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

export interface Sort {
  key: string;
  desc: boolean;
}

const parseAsSort = createParser<Sort>({
  parse: (value) => {
    const m = /^(.+)\.(asc|desc)$/.exec(value);
    return m ? { key: m[1] as string, desc: m[2] === "desc" } : null;
  },
  serialize: (s) => `${s.key}.${s.desc ? "desc" : "asc"}`,
  eq: (a, b) => a.key === b.key && a.desc === b.desc,
});

/** `none` stands for "every column shown", so that an empty list is not the same as "the report's defaults". */
const parseAsHidden = createParser<string[]>({
  parse: (value) => (value === "none" ? [] : value.split(",").filter((k) => k !== "")),
  serialize: (keys) => (keys.length === 0 ? "none" : keys.join(",")),
  eq: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
});

export const tableParsers = {
  sort: parseAsSort,
  filter: parseAsNativeArrayOf(
    createParser<string>({ parse: (v) => (v.includes(":") ? v : null), serialize: (v) => v }),
  ),
  hide: parseAsHidden,
  page: parseAsInteger.withDefault(1),
  pageSize: parseAsInteger.withDefault(DEFAULT_PAGE_SIZE),
};

const loadRaw = createLoader(tableParsers);
export const serializeTable = createSerializer(tableParsers);

/** What the table shows: checked against the report's columns. */
export interface TableState {
  sort: Sort | null;
  /** Column key -> filter text, in the order given. */
  filters: Record<string, string>;
  /** Hidden column keys; null: the report's defaults. */
  hidden: string[] | null;
  page: number;
  pageSize: number;
}

export const DEFAULT_TABLE_STATE: TableState = {
  sort: null,
  filters: {},
  hidden: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** The keys a view hides: its own `hide`, else the columns its report hides by default. */
export function hiddenKeys(
  state: Pick<TableState, "hidden">,
  columns: readonly { key: string; hidden?: boolean }[],
): string[] {
  return state.hidden ?? columns.filter((c) => c.hidden).map((c) => c.key);
}

/** Splits a request's parameters into the report's own and the table's (which the report never sees). */
export function splitTableParams(raw: RawParams): { report: RawParams; table: RawParams } {
  const report: RawParams = {};
  const table: RawParams = {};
  for (const [k, v] of Object.entries(raw)) {
    if ((TABLE_KEYS as readonly string[]).includes(k)) table[k] = v;
    else report[k] = v;
  }
  return { report, table };
}

/** Whether the request said anything about the table (the JSON API then answers one page). */
export function hasTableParams(raw: RawParams): boolean {
  return TABLE_KEYS.some((k) => raw[k] !== undefined);
}

/**
 * The table state of a request, with an issue per value that names no
 * column of the report or is out of range. Values nuqs cannot parse at all
 * (`page=abc`, `sort=hours`) are issues too: a bad link should say so.
 */
export function parseTableState(
  raw: RawParams,
  columnKeys: readonly string[],
): { state: TableState; issues: ParamIssue[] } {
  const issues: ParamIssue[] = [];
  const known = new Set(columnKeys);
  const list = `the columns are ${columnKeys.join(", ")}`;
  // Own keys only, and only text: a query such as `__proto__=…` must not hand the parser an object.
  const given = (k: string): string[] => {
    const v = Object.hasOwn(raw, k) ? raw[k] : undefined;
    return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
  };
  const loaded = loadRaw(toLoaderInput(raw));
  let sort = loaded.sort;
  if (given("sort").length > 0 && !sort)
    issues.push({ param: "sort", message: "must be a column key, then .asc or .desc" });
  if (sort && !known.has(sort.key)) {
    issues.push({ param: "sort", message: `names no column (${sort.key.slice(0, 50)}); ${list}` });
    sort = null;
  }
  const filters: Record<string, string> = {};
  for (const f of given("filter")) {
    const at = f.indexOf(":");
    const key = f.slice(0, at);
    if (at < 0 || !known.has(key)) {
      issues.push({ param: "filter", message: `must be a column key, a colon and the text to match; ${list}` });
      continue;
    }
    const text = f.slice(at + 1).trim();
    if (text !== "") filters[key] = text;
  }
  let hidden = loaded.hide;
  const unknownHidden = hidden?.filter((k) => !known.has(k)) ?? [];
  if (unknownHidden.length > 0) {
    issues.push({ param: "hide", message: `names no column (${unknownHidden[0]?.slice(0, 50)}); ${list}` });
    hidden = hidden?.filter((k) => known.has(k)) ?? null;
  }
  let page = loaded.page;
  // Whole numbers as digits: nuqs reads '1e3' as 1, where Number() reads 1000.
  const digits = (k: string) => /^\d{1,9}$/.test(given(k)[0] ?? "");
  if (given("page").length > 0 && !(digits("page") && page >= 1)) {
    issues.push({ param: "page", message: "must be a whole number from 1" });
    page = 1;
  }
  let pageSize = loaded.pageSize;
  const sizeGiven = given("pageSize").length > 0;
  if (sizeGiven && !(digits("pageSize") && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
    issues.push({ param: "pageSize", message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    pageSize = DEFAULT_PAGE_SIZE;
  }
  return { state: { sort, filters, hidden, page, pageSize }, issues };
}

/** The query string of a table state (only what differs from the defaults), to append to the report's canonical one. */
export function tableSearch(state: TableState, options: { paging?: boolean } = {}): string {
  const paging = options.paging ?? true;
  return serializeTable({
    sort: state.sort,
    filter: Object.entries(state.filters).map(([k, v]) => `${k}:${v}`),
    hide: state.hidden,
    page: paging && state.page !== 1 ? state.page : null,
    pageSize: paging && state.pageSize !== DEFAULT_PAGE_SIZE ? state.pageSize : null,
  }).replace(/^\?/, "");
}

function toLoaderInput(raw: RawParams): URLSearchParams {
  const s = new URLSearchParams();
  for (const k of TABLE_KEYS) {
    const v = raw[k];
    for (const one of v === undefined ? [] : Array.isArray(v) ? v : [v]) s.append(k, one);
  }
  return s;
}
