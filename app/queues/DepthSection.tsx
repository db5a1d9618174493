import "server-only";
import type { User } from "@/lib/auth/roles";
import { config } from "@/lib/db/config";
import { runForPage } from "@/lib/reports/page-run";
import { DepthView } from "@/lib/reports/queue-depth/DepthView";
import { defaultStep } from "@/lib/reports/queue-depth/points";
import { queueDepth } from "@/lib/reports/queue-depth/report";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { Invalid } from "./Invalid";

/**
 * Queue depth over the `span` days before T: the queue-depth report as a
 * sub-report of the page, run by runForPage (the role check, the lane, the
 * cache, the audit line), the same rows its report page and API serve.
 */
export async function DepthSection({ at, queue, span, user }: { at: Date; queue: number[]; span: number; user: User }) {
  const input = { at: at.toISOString(), span: String(span), step: defaultStep(span), queue: queue.map(String) };
  const result = await runForPage(queueDepth, input, user);
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  if (result.kind === "invalid") return <Invalid issues={result.issues} />;
  const { rows, truncated } = result.run;
  const apiHref = `/api/reports/${queueDepth.id}?${result.canonical}`;
  return (
    <section aria-labelledby="queue-depth">
      <h2 id="queue-depth">Depth over the {span === 1 ? "day" : `${span} days`} before</h2>
      {truncated && (
        <p className="warn" role="status">
          The series has more points than the row cap: the chart stops early. Choose fewer queues or a shorter span.
        </p>
      )}
      <DepthView rows={rows} step={result.params.step} zone={config().LOOKBACK_TZ} />
      <p className="muted">
        Each point counts the tickets in the queues at that instant, as the list below does at the last one.{" "}
        <a href={apiHref}>Data (JSON)</a>
      </p>
    </section>
  );
}
