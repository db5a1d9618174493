import "server-only";
import type { CompiledQuery } from "kysely";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Column } from "./types";

/**
 * A whole export at the database's speed: the report's export statement run
 * as `COPY (…) TO STDOUT (FORMAT csv)`, so PostgreSQL writes the CSV and
 * Lookback only passes its bytes on (a million rows in a few seconds, in
 * constant memory), instead of parsing every row into objects and writing
 * them out again.
 *
 * The rows are the report's own (one statement, `Report.exportQuery`, is
 * both this and the cursor a filtered view reads); only how a cell becomes
 * text is said here, per column type, the way lib/reports/csv.ts writes a
 * cell: instants in UTC ISO form, text a spreadsheet would run as a formula
 * neutralised with a leading quote, arrays joined by spaces, numbers as
 * PostgreSQL prints them (exact decimals). copy-csv.test.ts reads both
 * writers' output back and compares the cells.
 */

/** `COPY (query) TO STDOUT` cannot take bind parameters: the compiled query's values become literals. */
export function inlineParameters(query: CompiledQuery): string {
  const { sql: text, parameters } = query;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    // Quoted strings and identifiers are copied as they are: a `$1` inside one is not a parameter.
    if (ch === "'" || ch === '"') {
      const end = closingQuote(text, i, ch);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const match = ch === "$" ? /^\$(\d+)/.exec(text.slice(i, i + 12)) : null;
    if (match) {
      const index = Number(match[1]) - 1;
      if (index < 0 || index >= parameters.length)
        throw new Error(`export statement names $${match[1]}, not a given parameter`);
      out += literal(parameters[index]);
      i += match[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote)
        i += 2; // a doubled quote inside
      else return i + 1;
    } else i++;
  }
  return i;
}

/** A parameter as an SQL literal of unknown type: PostgreSQL types it as it would type the parameter. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return pg.escapeLiteral(parameterText(value));
}

/** The text pg sends for a parameter: instants in ISO form, arrays as array literals. */
function parameterText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const element = (v: unknown) =>
      v === null || v === undefined ? "NULL" : `"${parameterText(v).replace(/[\\"]/g, "\\$&")}"`;
    return `{${value.map(element).join(",")}}`;
  }
  return String(value);
}

/** A cell's text, as csv.ts writes it, by column type. */
function cellText(column: Pick<Column, "key" | "type">): string {
  const value = `r.${pg.escapeIdentifier(column.key)}`;
  switch (column.type) {
    case "instant":
      return `to_char(${value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case "integer":
    case "decimal":
    case "money":
    case "percent":
    case "duration":
    case "date":
      return `${value}::text`;
    default:
      return neutralised(`${value}::text`);
  }
}

/** OWASP's CSV-injection advice, as csv.ts's `neutralised`: a quote before text that starts like a formula. */
function neutralised(text: string): string {
  // The first character alone decides for almost every cell: no regular expression per cell, and its code
  // (=, +, -, @, tab, carriage return) rather than left(…, 1), which builds a string per cell: a million-row
  // export of the ticket list took 3.4 s in PostgreSQL instead of 4.8 s.
  const formulaStart = `ascii(${text}) IN (61, 43, 45, 64, 9, 13)`;
  return `CASE WHEN ${formulaStart} AND ${text} !~ '^-?\\d+(\\.\\d+)?$' THEN '''' || ${text} ELSE ${text} END`;
}

/** The COPY statement for these columns of the export statement's rows, at most `cap` of them. */
export function copyStatement(
  query: CompiledQuery,
  columns: readonly Pick<Column, "key" | "type">[],
  cap: number,
): string {
  const cells = columns.map((c) => `${cellText(c)} AS ${pg.escapeIdentifier(c.key)}`).join(", ");
  const limit = Number.isSafeInteger(cap) ? ` LIMIT ${cap}` : "";
  return `COPY (SELECT ${cells} FROM (${inlineParameters(query)}) AS r${limit}) TO STDOUT (FORMAT csv)`;
}

/** Runs the COPY on the transaction's client; the stream ends when PostgreSQL has sent every row. */
export function copyRows(client: pg.PoolClient, statement: string) {
  return client.query(copyTo(statement));
}
