/**
 * The URLs of the queue view. The URL is the state: `at` is always a concrete
 * UTC instant (a shared link shows the same queues tomorrow), `queue` repeats,
 * and the dedicated page (/queues) adds the depth span and the earlier instant
 * of "what changed".
 */
export interface ViewState {
  at: Date | "now";
  queue: readonly number[];
  /** Days of depth history (dedicated page only). */
  span?: number;
  /** The earlier instant of "what changed" (dedicated page only). */
  since?: Date;
}

export function viewHref(basePath: string, state: ViewState): string {
  const search = new URLSearchParams();
  search.set("at", state.at === "now" ? "now" : state.at.toISOString());
  for (const q of state.queue) search.append("queue", String(q));
  if (state.span !== undefined) search.set("span", String(state.span));
  if (state.since !== undefined) search.set("since", state.since.toISOString());
  return `${basePath}?${search}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The steps of the time control: a day and an hour back and forward (a day is 24 hours, as in the depth chart). */
export const STEPS = [
  { label: "−1 day", ms: -DAY },
  { label: "−1 hour", ms: -HOUR },
  { label: "+1 hour", ms: HOUR },
  { label: "+1 day", ms: DAY },
] as const;

/** A step moves T and keeps the comparison window: "what changed" keeps its length before the new T. */
export function stepState(state: ViewState & { at: Date }, ms: number): ViewState {
  const at = new Date(state.at.getTime() + ms);
  const since = state.since ? new Date(state.since.getTime() + ms) : undefined;
  return { ...state, at, since };
}
