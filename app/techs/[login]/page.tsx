import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { auditView } from "@/lib/audit/log";
import { canRun } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { parseParams } from "@/lib/params/parse";
import { techScorecard } from "@/lib/reports/tech-scorecard/report";
import { techPageHref } from "@/lib/reports/tech-scorecard/tech-href";
import { techPageParams } from "@/lib/reports/tech-scorecard/tech-page/params";
import { TechReport } from "@/lib/reports/tech-scorecard/tech-page/tech-report";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

interface Props {
  params: Promise<{ login: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).login} · Tech scorecard` };
}

/**
 * One tech's page, `/techs/{login}?from=…&to=…`: a URL a lead can bookmark.
 * Missing dates are filled with the last 30 days by a redirect, so the link
 * always names its days. Who may see whom is the scorecard's rule.
 */
export default async function TechPage({ params, searchParams }: Props) {
  const { login } = await params;
  const raw = await searchParams;
  const user = await currentUser();
  if (!canRun(user, techScorecard)) {
    return (
      <div className="error" role="alert">
        <h1>Not for your role</h1>
        <p>
          Tech scorecards are for {techScorecard.roles.join(", ")}; you are signed in as {user.role}.
        </p>
      </div>
    );
  }
  const parsed = parseParams(techPageParams, { from: raw.from, to: raw.to });
  if (parsed.ok && (raw.from !== parsed.params.from || raw.to !== parsed.params.to)) {
    redirect(techPageHref(login, parsed.params));
  }
  // People should know who looked at their numbers: every view of a tech's page is in the audit log.
  if (parsed.ok) auditView(user, "tech", login, parsed.params);
  const values = parsed.ok ? parsed.params : { from: String(raw.from ?? ""), to: String(raw.to ?? "") };
  return (
    <>
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
        {!parsed.ok &&
          parsed.issues.map((i) => (
            <p key={`${i.param}:${i.message}`} className="field-error" role="alert">
              {i.param} {i.message}
            </p>
          ))}
      </form>
      {parsed.ok && (
        <Suspense key={`${parsed.params.from}:${parsed.params.to}`} fallback={<ResultSkeleton />}>
          <TechReport login={login} range={parsed.params} user={user} timeZone={config().LOOKBACK_TZ} />
        </Suspense>
      )}
    </>
  );
}
