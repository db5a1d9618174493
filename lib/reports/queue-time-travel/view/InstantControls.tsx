import Link from "next/link";
import { config } from "../../../db/config";
import { Instant } from "../../../ui/Instant";
import { localInputValue } from "../../../ui/local-input";
import { STEPS, stepState, type ViewState, viewHref } from "./links";
import { TimeControl } from "./TimeControl";

/**
 * T and the ways to move it: the picker, and links a day and an hour back
 * and forward, and to now. Plain links and a GET form, so they work before
 * JavaScript loads; rendered without waiting for any data.
 */
export function InstantControls({ state, basePath }: { state: ViewState & { at: Date }; basePath: string }) {
  const zone = config().LOOKBACK_TZ;
  const hidden: [string, string][] = [
    ...state.queue.map((q): [string, string] => ["queue", String(q)]),
    ...(state.span !== undefined ? [["span", String(state.span)] as [string, string]] : []),
  ];
  const step = (ms: number) => viewHref(basePath, stepState(state, ms));
  return (
    <section aria-labelledby="queue-instant" className="card">
      <h2 id="queue-instant" style={{ marginTop: 0 }}>
        Queues at <Instant value={state.at} />
      </h2>
      <TimeControl
        action={basePath}
        at={state.at.toISOString()}
        serverValue={localInputValue(state.at, zone)}
        serverZone={zone}
        hidden={hidden}
      />
      <nav aria-label="Move the instant" className="toolbar">
        {STEPS.slice(0, 2).map((s) => (
          <Link key={s.label} className="button secondary" href={step(s.ms)}>
            {s.label}
          </Link>
        ))}
        <Link className="button secondary" href={viewHref(basePath, { ...state, at: "now", since: undefined })}>
          Now
        </Link>
        {STEPS.slice(2).map((s) => (
          <Link key={s.label} className="button secondary" href={step(s.ms)}>
            {s.label}
          </Link>
        ))}
      </nav>
    </section>
  );
}
