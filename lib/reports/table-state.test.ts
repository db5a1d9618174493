import { describe, expect, it } from "vitest";
import { parseTableState, splitTableParams, tableSearch } from "./table-state";

const keys = ["day", "created", "team"];

describe("the table's state in the URL", () => {
  it("parses sort, filters, hidden columns and page, and writes them back the same", () => {
    const raw = {
      from: "2026-01-01",
      sort: "created.desc",
      filter: ["team:north", "created:>10"],
      hide: "day",
      page: "3",
      pageSize: "50",
    };
    const { report, table } = splitTableParams(raw);
    expect(report).toEqual({ from: "2026-01-01" });
    const { state, issues } = parseTableState(table, keys);
    expect(issues).toEqual([]);
    expect(state).toEqual({
      sort: { key: "created", desc: true },
      filters: { team: "north", created: ">10" },
      hidden: ["day"],
      page: 3,
      pageSize: 50,
    });
    const again = Object.fromEntries(new URLSearchParams(tableSearch(state)).entries());
    expect(again).toEqual({ sort: "created.desc", filter: "created:>10", hide: "day", page: "3", pageSize: "50" });
    expect(new URLSearchParams(tableSearch(state)).getAll("filter")).toEqual(["team:north", "created:>10"]);
  });

  it("says which value names no column or is out of range, and leaves it out", () => {
    const { state, issues } = parseTableState(
      { sort: "salary.asc", filter: ["nope:1", "team:x"], hide: "day,ghost", page: "0", pageSize: "1001" },
      keys,
    );
    expect(issues.map((i) => i.param)).toEqual(["sort", "filter", "hide", "page", "pageSize"]);
    expect(state).toEqual({ sort: null, filters: { team: "x" }, hidden: ["day"], page: 1, pageSize: 100 });
    // Digits only: nuqs would read 1e3 as 1.
    expect(parseTableState({ page: "1e2", pageSize: "1e3" }, keys).issues.map((i) => i.param)).toEqual([
      "page",
      "pageSize",
    ]);
  });

  it("tells 'every column shown' (hide=none) from 'the report's defaults' (no hide)", () => {
    expect(parseTableState({ hide: "none" }, keys).state.hidden).toEqual([]);
    expect(parseTableState({}, keys).state.hidden).toBeNull();
  });
});
