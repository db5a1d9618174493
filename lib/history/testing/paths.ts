import { beforeAll } from "vitest";
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
  });
}
