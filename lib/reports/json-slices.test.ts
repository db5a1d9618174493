import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { stringifyInSlices } from "./json-slices";

describe("JSON written a slice of rows at a time", () => {
  const row = (i: number) => ({
    id: i,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    text: i % 3 === 0 ? `say "hi" \\ ${i}\n` : null,
    list: [i, "x"],
  });

  it("is exactly JSON.stringify's text, rows before and after other keys, for no rows, one, and many", async () => {
    for (const n of [0, 1, 499, 500, 501, 1234]) {
      const body = {
        report: "r",
        params: { q: '"rows":[]' },
        rows: Array.from({ length: n }, (_, i) => row(i)),
        meta: { rowCount: n, cached: true },
      };
      expect(await stringifyInSlices(body)).toBe(JSON.stringify(body));
    }
  });

  it("lets other work run between slices: 1,234 rows are three slices, with two turns given away", async () => {
    // How many times a task waiting for the next turn of the event loop ran while `work` went on.
    const turnsDuring = async (work: () => Promise<unknown>) => {
      let turns = 0;
      let running = true;
      const other = (async () => {
        while (running) {
          await nextTurn();
          turns++;
        }
      })();
      await work();
      running = false;
      await other;
      return turns;
    };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
    // The other task runs once in each gap, and once more as it ends; without gaps only that once.
    expect(await turnsDuring(() => stringifyInSlices({ rows: rows(1234) }))).toBe(3);
    expect(await turnsDuring(() => stringifyInSlices({ rows: rows(400) }))).toBe(1);
  });
});
