import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IN_QUEUE_STATUSES } from "./statuses";

/*
 * The recommended indexes name the in-queue statuses as literals (the partial index on reopens, the
 * lifetime index tickets_alive): a statement matches them only if it names the same list, and the
 * statements build theirs from IN_QUEUE_STATUSES (queue-spans.ts's inQueueLiterals). A status added there
 * must be added to the indexes too, or the planner silently stops using them.
 */
describe("the recommended indexes' status lists", () => {
  it("are IN_QUEUE_STATUSES, in its order", () => {
    const dir = join(__dirname, "../../../sql/indexes/helpdesk");
    const lists = readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), "utf8").matchAll(/(?:WHEN status|new_value) IN \(([^)]*)\)/g)].map((m) => [
          f,
          m[1],
        ]),
      );
    expect(lists.map(([f]) => f).sort()).toEqual(["queue-time-travel.sql", "tech-scorecard.sql"]);
    for (const [, list] of lists) expect(list).toBe(IN_QUEUE_STATUSES.map((s) => `'${s}'`).join(", "));
  });
});
