import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { Suspense } from "react";
import { audit } from "@/lib/audit/log";
import { currentUser } from "@/lib/auth/session";
import { entityOptions } from "@/lib/reports/options";
import { queueTimeTravel } from "@/lib/reports/queue-time-travel/report";
import { InstantControls } from "@/lib/reports/queue-time-travel/view/InstantControls";
import { viewHref } from "@/lib/reports/queue-time-travel/view/links";
import { auditable } from "@/lib/reports/request";
import { ReportIntro } from "@/lib/ui/ReportIntro";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";
import { QueuesResult } from "./QueuesResult";
import { ViewOptions } from "./ViewOptions";
import { parseQueuesPage } from "./view-params";

export const metadata: Metadata = { title: "Queues as they were" };

/**
 * The queues at any instant, for team leads and managers: the
 * queue-time-travel report with its depth chart and "what changed", on a page
 * whose URL also holds the depth span and the compared instant. The URL
 * always names a concrete instant, so a shared link shows the same queues.
 */
export default async function QueuesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const user = await currentUser();
  const parsed = parseQueuesPage(raw, user);
  // A request that does not get as far as running is audited here, as on the report page; runs by runCached.
  if (!parsed.ok) {
    audit({
      event: "run",
      login: user.login,
      role: user.role,
      report: queueTimeTravel.id,
      via: "page",
      outcome: parsed.forbidden ? "forbidden" : "invalid",
      status: parsed.forbidden ? 403 : 200,
      params: auditable(raw),
    });
  }
  // 403, as the report page answers a role that may not run the report.
  if (!parsed.ok && parsed.forbidden) forbidden();
  if (!parsed.ok) {
    return (
      <>
        <h1>{queueTimeTravel.title}</h1>
        <div className="error" role="alert">
          <h2>Bad parameters</h2>
          <ul>
            {parsed.issues.map((i) => (
              <li key={`${i.param}:${i.message}`}>
                <code>{i.param}</code> {i.message}
              </li>
            ))}
          </ul>
          <p>
            <a href="/queues">Show the queues now</a>
          </p>
        </div>
      </>
    );
  }
  const { state } = parsed;
  const canonical = viewHref("/queues", state);
  if (canonical !== `/queues?${new URLSearchParams(flatten(raw))}`) redirect(canonical);
  const options = await entityOptions().catch(() => undefined);
  return (
    <>
      <h1>{queueTimeTravel.title}</h1>
      <ReportIntro report={queueTimeTravel} />
      <ViewOptions state={state} queues={options?.queue ?? []} />
      <InstantControls state={state} basePath="/queues" />
      <Suspense key={canonical} fallback={<ResultSkeleton />}>
        <QueuesResult state={state} user={user} />
      </Suspense>
    </>
  );
}

/** The query string as given, in the order the canonical form writes it (at, queue…, span, since). */
function flatten(raw: Record<string, string | string[] | undefined>): [string, string][] {
  const order = ["at", "queue", "span", "since"];
  const entries = Object.entries(raw).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((one): [string, string] => [k, one]),
  );
  return entries.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}
