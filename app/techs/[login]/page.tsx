import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { auditView } from "@/lib/audit/log";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { runForPage } from "@/lib/reports/page-run";
import { prepare } from "@/lib/reports/request";
import { techPageHref } from "@/lib/reports/tech-scorecard/tech-href";
import { zoneCity } from "@/lib/reports/tech-scorecard/tech-page/local-time";
import {
  ActsPanel,
  FirstRepliesPanel,
  HoursPanel,
  type PanelProps,
  TeamPanel,
  TechFlag,
} from "@/lib/reports/tech-scorecard/tech-page/panels";
import type { TechProfileRow } from "@/lib/reports/tech-scorecard/tech-page/query";
import { techProfileReport } from "@/lib/reports/tech-scorecard/tech-page/report";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export async function generateMetadata({ params }: PageProps<"/techs/[login]">): Promise<Metadata> {
  return { title: `${decodeOnce((await params).login)} · Tech scorecard` };
}

/**
 * One tech's page, `/techs/{login}?from=…&to=…`: a URL a lead can bookmark.
 * Missing dates are filled with the last 30 days by a redirect, so the link
 * always names its days. Its data are sub-reports of the scorecard
 * (lib/reports/tech-scorecard/tech-page/report.ts): the page waits for the
 * first (who the tech is: 404 for an unknown login, 403 for one the role may
 * not see), then each panel streams in on its own.
 */
export default async function TechPage({ params, searchParams }: PageProps<"/techs/[login]">) {
  const login = decodeOnce((await params).login);
  const raw = await searchParams;
  const user = await currentUser();
  const input = { ...raw, login };
  const prepared = prepare(techProfileReport.id, input, user);
  if (prepared.kind === "ok") {
    const { from, to } = prepared.params as { from: string; to: string };
    if (raw.from !== from || raw.to !== to) redirect(techPageHref(login, { from, to }));
  }
  const profile = await runForPage(techProfileReport, input, user, { path: ["login"] });
  const values = { from: String(raw.from ?? ""), to: String(raw.to ?? "") };
  if (profile.kind !== "ok") {
    return (
      <>
        <h1>{login}</h1>
        {profile.kind === "failed" ? (
          <ErrorPanel kind={profile.error.kind} message={profile.error.message} />
        ) : (
          <DaysForm values={values} issues={profile.issues} />
        )}
      </>
    );
  }
  const tech = profile.run.rows[0] as TechProfileRow;
  const { from, to } = profile.params;
  // People should know who looked at their numbers: a view of a tech's page is in the audit log under their login.
  auditView(user, "tech", tech.login, { from, to });
  const timeZone = config().LOOKBACK_TZ;
  const panel: PanelProps = { input: { login, from, to }, user, tech, timeZone };
  const teamHref = `/reports/tech-scorecard?${new URLSearchParams({ from, to, ...(tech.team_id ? { team: String(tech.team_id) } : {}) })}`;
  const key = `${login}:${from}:${to}`;
  return (
    <>
      <h1>
        {tech.full_name} <span className="muted">({tech.login})</span>{" "}
        <Suspense key={`flag ${key}`} fallback={null}>
          <TechFlag {...panel} />
        </Suspense>
      </h1>
      <p className="muted">
        {tech.team ?? "No team"} · office: {zoneCity(tech.timezone)} ({tech.timezone}) · {from} to {to} (days in{" "}
        {timeZone}) · <Link href={teamHref}>{tech.team ? `${tech.team} scorecard` : "All scorecards"}</Link>
      </p>
      <DaysForm values={{ from, to }} issues={[]} />
      <Suspense key={`team ${key}`} fallback={<ResultSkeleton />}>
        <TeamPanel {...panel} />
      </Suspense>
      <Suspense key={`hours ${key}`} fallback={<ResultSkeleton />}>
        <HoursPanel {...panel} />
      </Suspense>
      <Suspense key={`replies ${key}`} fallback={<ResultSkeleton />}>
        <FirstRepliesPanel {...panel} />
      </Suspense>
      <Suspense key={`acts ${key}`} fallback={<ResultSkeleton />}>
        <ActsPanel {...panel} />
      </Suspense>
    </>
  );
}

function DaysForm({
  values,
  issues,
}: {
  values: { from: string; to: string };
  issues: { param: string; message: string }[];
}) {
  return (
    <form method="get" className="param-form" aria-label="Days">
      <div className="field">
        <label htmlFor="tech-from">From</label>
        <input id="tech-from" name="from" type="date" defaultValue={values.from} />
      </div>
      <div className="field">
        <label htmlFor="tech-to">To</label>
        <input id="tech-to" name="to" type="date" defaultValue={values.to} />
      </div>
      <button type="submit">Show</button>
      {issues.map((i) => (
        <p key={`${i.param}:${i.message}`} className="field-error" role="alert">
          {i.param} {i.message}
        </p>
      ))}
    </form>
  );
}

/** Next.js hands page params over still percent-encoded in some versions and decoded in others. */
function decodeOnce(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
