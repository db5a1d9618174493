import type { Cell } from "./types";

/** RFC 4180 CSV: quote a field when it holds a comma, a quote or a line break; doubled quotes inside. */
export function csvField(value: Cell | undefined): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (Cell | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Streams rows as CSV, a header of column keys first, pulling rows only as fast as the client reads. */
export function csvStream<R extends Record<string, Cell>>(
  keys: readonly string[],
  rows: AsyncGenerator<R>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const BATCH = 1_000;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!headerSent) {
        chunk += csvLine(keys as string[]);
        headerSent = true;
      }
      for (let i = 0; i < BATCH; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(keys.map((k) => next.value[k]));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      // The client went away: ending the generator releases the transaction and its connection.
      await rows.return(undefined as never);
    },
  });
}
