import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withClient } from "../db/setup";
import { compiler } from "../testing/cert-indexes";
import { createTestSources, type TestSources } from "../testing/databases";
import { copyRows, copyStatement, inlineParameters } from "./copy-csv";
import { csvLine } from "./csv";
import type { Column } from "./types";

/** RFC 4180 read back: the cells of each line, so two writers can be compared by what a spreadsheet sees. */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || (ch === "\r" && csv[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  return rows;
}

describe("inlineParameters", () => {
  const db = compiler<{ t: { a: string; b: Date; c: number } }>();

  it("puts each value in as a quoted literal, leaving quoted text alone", () => {
    const query = db
      .selectFrom("t")
      .select("a")
      .where("a", "=", "O'Brien \\ $2")
      .where("b", ">=", new Date("2026-01-01T00:00:00Z"))
      .where("c", "in", [1, 2])
      .where("a", "!=", "$1")
      .compile();
    expect(inlineParameters(query)).toBe(
      `select "a" from "t" where "a" =  E'O''Brien \\\\ $2' and "b" >= '2026-01-01T00:00:00.000Z' and "c" in ('1', '2') and "a" != '$1'`,
    );
  });

  it("writes arrays as array literals and null as NULL", () => {
    expect(
      inlineParameters({
        sql: "select $1::int[], $2::text[], $3, '$1'",
        parameters: [[1, 2], ['a"b', "c,d"], null],
        query: {} as never,
        queryId: {} as never,
      }),
    ).toBe(`select '{"1","2"}'::int[],  E'{"a\\\\"b","c,d"}'::text[], NULL, '$1'`);
  });
});

describe("COPY writes the cells csv.ts writes", () => {
  let sources: TestSources;
  beforeAll(async () => {
    sources = await createTestSources();
  }, 120_000);
  afterAll(() => sources?.drop());

  it("for text a spreadsheet would run, quotes, line breaks, spaces, nulls, decimals and instants", async () => {
    const texts = [
      "plain",
      '=HYPERLINK("http://x")',
      "+1+2",
      "-2+3",
      "@SUM(A1)",
      "\tcmd",
      "\rcmd",
      "-12.50",
      'say "hi"',
      "a,b",
      "two\nlines",
      " leading and trailing ",
      "",
      null,
      "Zürich, 東京",
    ];
    const values = texts.map((text, i) => ({
      id: i + 1,
      text,
      amount: i % 2 === 0 ? "1234.50" : "-0.05",
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i, 7 * i)),
    }));
    const columns: Pick<Column, "key" | "type">[] = [
      { key: "id", type: "integer" },
      { key: "text", type: "text" },
      { key: "amount", type: "money" },
      { key: "at", type: "instant" },
    ];
    const db = compiler<Record<string, never>>();
    const query = db
      .selectNoFrom((eb) => [
        eb.val(0).as("zero"), // replaced below by the rows
      ])
      .compile();
    // The statement the export runs: the rows as a VALUES list with their parameters.
    const rows = {
      ...query,
      sql: `SELECT * FROM (VALUES ${values.map((_, i) => `($${4 * i + 1}::int, $${4 * i + 2}::text, $${4 * i + 3}::numeric, $${4 * i + 4}::timestamptz)`).join(", ")}) AS v(id, text, amount, at) ORDER BY id`,
      parameters: values.flatMap((v) => [v.id, v.text, v.amount, v.at]),
    };
    const copied = await withClient(sources.helpdeskUrl, async (client) => {
      let out = "";
      for await (const chunk of copyRows(client as never, copyStatement(rows, columns, 100)))
        out += (chunk as Buffer).toString("utf8");
      return out;
    });
    const written = values.map((v) => csvLine([v.id, v.text, v.amount, v.at])).join("");
    // A null and an empty text are both an empty cell; COPY quotes the empty one ("") to tell them apart.
    expect(cells(copied)).toEqual(cells(written));
    expect(cells(copied)[1]).toEqual(["2", '\'=HYPERLINK("http://x")', "-0.05", "2026-01-01T00:00:01.007Z"]);
    expect(cells(copied)[7]).toEqual(["8", "-12.50", "-0.05", "2026-01-01T00:00:07.049Z"]);
  });

  it("stops at the cap", async () => {
    const rows = {
      sql: "SELECT g AS id FROM generate_series(1, 10) g",
      parameters: [],
      query: {} as never,
      queryId: {} as never,
    };
    const copied = await withClient(sources.helpdeskUrl, async (client) => {
      let out = "";
      for await (const chunk of copyRows(client as never, copyStatement(rows, [{ key: "id", type: "integer" }], 3)))
        out += (chunk as Buffer).toString("utf8");
      return out;
    });
    expect(copied).toBe("1\n2\n3\n");
  });
});
