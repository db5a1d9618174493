import Link from "next/link";
import { config } from "../../../db/config";
import { Instant } from "../../../ui/Instant";
import { localInputValue } from "../../../ui/local-input";
import { STEPS, stepState, type ViewState, viewHref } from "./links";

/**
 * T and the ways to move it: the picker, and links a day and an hour back
 * and forward, and to now. One clock: the picker is filled and read in the
 * reporting zone, named on its label, on the server (no browser-local
 * conversion, so nothing changes after the first paint). A plain GET form
 * and links, so they work before JavaScript loads. A step that would pass
 * now is shown disabled: the history has nothing after now (the parameter
 * refuses a future instant).
 */
export function InstantControls({
  state,
  basePath,
  now = new Date(),
}: {
  state: ViewState & { at: Date };
  basePath: string;
  now?: Date;
}) {
  const zone = config().LOOKBACK_TZ;
  const hidden: [string, string][] = [
    ...state.queue.map((q): [string, string] => ["queue", String(q)]),
    ...(state.span !== undefined ? [["span", String(state.span)] as [string, string]] : []),
  ];
  const step = (ms: number) => {
    const moved = stepState(state, ms);
    return moved.at !== "now" && moved.at.getTime() > now.getTime() ? null : viewHref(basePath, moved);
  };
  const stepLink = (s: (typeof STEPS)[number]) => {
    const href = step(s.ms);
    return href ? (
      <Link key={s.label} className="button secondary" href={href}>
        {s.label}
      </Link>
    ) : (
      <span
        key={s.label}
        className="button secondary"
        aria-disabled="true"
        title="That would be later than now"
        style={{ opacity: 0.6, cursor: "not-allowed" }}
      >
        {s.label}
      </span>
    );
  };
  return (
    <section aria-labelledby="queue-instant" className="card">
      <h2 id="queue-instant" style={{ marginTop: 0 }}>
        Queues at <Instant value={state.at} />
      </h2>
      <form method="get" action={basePath} className="toolbar" aria-label="Choose the instant">
        {hidden.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor="queue-view-at">Queues at ({zone})</label>
        <input
          id="queue-view-at"
          name="at"
          type="datetime-local"
          step={1}
          defaultValue={localInputValue(state.at, zone)}
          max={localInputValue(now, zone)}
          required
        />
        <button type="submit">Show</button>
      </form>
      <nav aria-label="Move the instant" className="toolbar">
        {STEPS.slice(0, 2).map(stepLink)}
        <Link className="button secondary" href={viewHref(basePath, { ...state, at: "now", since: undefined })}>
          Now
        </Link>
        {STEPS.slice(2).map(stepLink)}
      </nav>
    </section>
  );
}
