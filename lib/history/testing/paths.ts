import { afterAll, beforeAll, expect } from "vitest";
import type { TestSources } from "../../testing/databases";
import { buildHistory } from "..";

/** The two ways the queue reports answer, for describe.each: every case is checked both ways. */
export const BOTH_PATHS = [
  ["the history index", true],
  ["ticket_events on the replica", false],
] as const;

/**
 * Inside a describe.each over BOTH_PATHS: points Lookback at `sources`
 * (created with `{ store: true }`) with or without its own database, and
 * builds the history index for the first.
 */
export function answerFrom(sources: () => TestSources, withStore: boolean): void {
  beforeAll(async () => {
    await sources().use({}, { withStore });
    if (withStore) await buildHistory();
    fromIndex = withStore;
  });
  afterAll(() => {
    fromIndex = undefined;
  });
}

/** Whether the current case (answerFrom's) is the history index's: what answeredByPath checks. */
let fromIndex: boolean | undefined;

/**
 * Checks that a run took the current case's path: its statements read Lookback's own database (the
 * history index) exactly when the case is the index's. Without it, an index that quietly fell back to
 * the replica would pass both cases.
 */
export function answeredByPath(queries: readonly { source: string }[]): void {
  expect(fromIndex, "answeredByPath outside an answerFrom case").toBeDefined();
  expect(queries.some((q) => q.source === "lookback")).toBe(fromIndex);
}
