import type { Cell } from "./types";

/**
 * A text cell a spreadsheet would run as a formula: one starting with =, +,
 * -, @, a tab or a carriage return. OWASP's advice ("CSV injection"): put a
 * single quote in front, which spreadsheets show as text. Only text is
 * touched: numbers (and exact decimal strings such as "-12.50") stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralised(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

/**
 * CSV as RFC 4180 writes it, with one difference: lines end in a line feed, as PostgreSQL's COPY ends
 * them (a whole export is written by COPY, copy-csv.ts), so every export of Lookback reads the same.
 * A field is quoted when it holds a comma, a quote or a line break, with doubled quotes inside.
 */
export function csvField(value: Cell | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = neutralised(
    value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value),
  );
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (Cell | undefined)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : ",") + csvField(values[i]);
  return `${line}\n`;
}

/**
 * Streams rows as CSV, a header line first (`header`, else the column keys),
 * pulling rows only as fast as the client reads, about 64 KB at a time.
 */
export function csvStream<R extends Record<string, Cell>>(
  keys: readonly string[],
  rows: AsyncIterator<R> | Iterator<R>,
  header: readonly string[] = keys,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const CHUNK = 64 * 1024;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!headerSent) {
        chunk += csvLine(header as string[]);
        headerSent = true;
      }
      while (chunk.length < CHUNK) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const row = next.value;
        let line = "";
        for (let i = 0; i < keys.length; i++) line += (i === 0 ? "" : ",") + csvField(row[keys[i] as string]);
        chunk += `${line}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      // The client went away: ending the generator releases the transaction and its connection.
      await rows.return?.(undefined as never);
    },
  });
}
