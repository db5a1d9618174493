import { config } from "@/lib/db/config";
import type { Option } from "@/lib/reports/options";
import { MAX_SPAN_DAYS } from "@/lib/reports/queue-depth/report";
import { localInputValue } from "@/lib/ui/local-input";
import { DEFAULT_SPAN_DAYS } from "./QueuesAtView";
import type { QueuesPageState } from "./view-params";

const DAY_MS = 86_400_000;

/**
 * The page's other choices as a plain GET form (it works before JavaScript
 * loads): which queues, how many days of depth, and the instant to compare
 * with, read in the reporting time zone.
 */
export function ViewOptions({ state, queues }: { state: QueuesPageState; queues: Option[] }) {
  const zone = config().LOOKBACK_TZ;
  const since = state.since ?? new Date(state.at.getTime() - DAY_MS);
  return (
    <form method="get" action="/queues" className="param-form" aria-label="View options">
      <input type="hidden" name="at" value={state.at.toISOString()} />
      <div className="field">
        <label htmlFor="queues-filter">Queues</label>
        <select id="queues-filter" name="queue" multiple defaultValue={state.queue.map(String)}>
          {queues.map((q) => (
            <option key={q.value} value={q.value}>
              {q.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queues-span">Depth over (days)</label>
        <input
          id="queues-span"
          name="span"
          type="number"
          min={1}
          max={MAX_SPAN_DAYS}
          defaultValue={state.span ?? DEFAULT_SPAN_DAYS}
        />
      </div>
      <div className="field">
        <label htmlFor="queues-since">Compare with ({zone})</label>
        <input
          id="queues-since"
          name="since"
          type="datetime-local"
          step={1}
          defaultValue={localInputValue(since, zone)}
        />
      </div>
      <button type="submit">Apply</button>
    </form>
  );
}
