import "server-only";
import { Suspense } from "react";
import type { User } from "@/lib/auth/roles";
import type { QueueTicketRow } from "@/lib/reports/queue-time-travel/query";
import { InstantControls } from "@/lib/reports/queue-time-travel/view/InstantControls";
import { QueueCounts } from "@/lib/reports/queue-time-travel/view/QueueCounts";
import { ChangesSection } from "./ChangesSection";
import { DepthSection } from "./DepthSection";

export const DEFAULT_SPAN_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * The queues at T, above the ticket list: the time control, counts per queue
 * and status (with team names then), depth over the days before T, and what
 * changed since an earlier instant. Depth and changes come from their own
 * reports (queue-depth, queue-changes) and stream in on their own.
 */
export function QueuesAtView({
  at,
  queue,
  rows,
  truncated,
  user,
  basePath,
  span,
  since,
  withControls = true,
}: {
  at: Date;
  queue: number[];
  rows: QueueTicketRow[];
  truncated: boolean;
  user: User;
  /** Where the controls point: the dedicated page (/queues) or the generic report page. */
  basePath: string;
  /** Only the dedicated page carries these in its URL; elsewhere the defaults apply. */
  span?: number;
  since?: Date;
  /** False where the page shows the controls itself, outside its streamed part. */
  withControls?: boolean;
}) {
  const comparedSince = since ?? new Date(at.getTime() - DAY_MS);
  return (
    <div>
      {withControls && <InstantControls state={{ at, queue, span, since }} basePath={basePath} />}
      <QueueCounts rows={rows} truncated={truncated} />
      <Suspense fallback={<div className="skeleton" style={{ height: 320 }} />}>
        <DepthSection at={at} queue={queue} span={span ?? DEFAULT_SPAN_DAYS} user={user} />
      </Suspense>
      <Suspense fallback={<div className="skeleton" style={{ height: 120 }} />}>
        <ChangesSection since={comparedSince} at={at} queue={queue} user={user} />
      </Suspense>
      <h2>The tickets</h2>
    </div>
  );
}
