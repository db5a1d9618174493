import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { formOptions } from "@/lib/reports/options";
import { refusalStatus, startRun } from "@/lib/reports/page-run";
import { getReport } from "@/lib/reports/registry";
import { auditNotRun, isCanonical, prepare } from "@/lib/reports/request";
import { splitTableParams } from "@/lib/reports/table-state";
import { SaveView } from "@/lib/subscriptions/ui/SaveView";
import { ParamForm } from "@/lib/ui/ParamForm";
import { ReportIntro } from "@/lib/ui/ReportIntro";
import { ReportResult } from "@/lib/ui/ReportResult";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export async function generateMetadata({ params }: PageProps<"/reports/[id]">): Promise<Metadata> {
  const report = getReport((await params).id);
  return { title: report?.title ?? "Unknown report" };
}

/**
 * Any report: its form, then its result streamed in below. The URL is the
 * whole state: presets and defaults are resolved into it by a redirect, so
 * a shared link shows the same numbers tomorrow.
 */
export default async function ReportPage({ params, searchParams }: PageProps<"/reports/[id]">) {
  const { id } = await params;
  const raw = await searchParams;
  const user = await currentUser();
  // The table's state (sort, filter, hide, page, pageSize) is not the report's: ReportResult reads it.
  const { report: reportRaw, table: tableRaw } = splitTableParams(raw);
  const prepared = prepare(id, reportRaw, user);
  // A request that does not get as far as running is audited here; a run is audited by runCached.
  // An invalid request still gets its page (the form, with what to fix).
  if (prepared.kind !== "ok") auditNotRun(user, id, prepared.kind, raw);
  if (prepared.kind === "not_found") notFound();
  // 403, and forbidden.tsx says why: the role check is the same prepare() the API and the export use.
  if (prepared.kind === "forbidden") forbidden();
  if (prepared.kind === "ok" && !isCanonical(reportRaw, prepared.canonical)) {
    const table = new URLSearchParams();
    for (const [k, v] of Object.entries(tableRaw)) for (const one of [v ?? []].flat()) table.append(k, one);
    redirect(`/reports/${id}?${[prepared.canonical, table].filter((s) => s.size > 0).join("&")}`);
  }
  const { report } = prepared;
  const running =
    prepared.kind === "ok"
      ? { ...prepared, settled: startRun(report, prepared.params, prepared.canonical, user) }
      : undefined;
  // A sub-report's run can refuse (its path names nothing: 404; a row the role may not see: 403), as on
  // its own page: the page waits for it so the status is real. Other reports stream their result in.
  if (report.parent && running) refusalStatus(await running.settled);
  const values = (prepared.kind === "ok" ? prepared.params : raw) as Record<string, unknown>;
  const options = await formOptions(user, report.params, values).catch(() => undefined);
  return (
    <>
      <h1>{report.title}</h1>
      <ReportIntro report={report} />
      <ParamForm
        action={`/reports/${report.id}`}
        schema={report.params}
        values={values}
        issues={prepared.kind === "invalid" ? prepared.issues : []}
        options={options}
        timeZone={config().LOOKBACK_TZ}
      />
      {prepared.kind === "ok" && <SaveView params={prepared.params as Record<string, unknown>} user={user} />}
      {running === undefined ? (
        <p className="muted">Fix the parameters above to run the report.</p>
      ) : (
        <Suspense key={running.canonical.toString()} fallback={<ResultSkeleton />}>
          <ReportResult
            report={report}
            params={running.params as Record<string, unknown>}
            canonical={running.canonical}
            user={user}
            searchParams={raw}
            settled={running.settled}
          />
        </Suspense>
      )}
    </>
  );
}
