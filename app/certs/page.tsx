import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Suspense } from "react";
import { canRun } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { LiveSearch } from "@/lib/reports/cert-lookup/LiveSearch";
import { certLookup } from "@/lib/reports/cert-lookup/report";
import { startRun } from "@/lib/reports/page-run";
import { auditNotRun, prepare } from "@/lib/reports/request";
import { ReportResult } from "@/lib/ui/ReportResult";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export const metadata: Metadata = { title: "Certificate lookup" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The certificate lookup as techs use it many times a day: one search box,
 * focused on load, searching as they type (and at once on Enter). The rows
 * come from the cert-lookup report through the same validation, run and
 * table as /reports/cert-lookup and its API.
 */
export default async function CertificateSearchPage({ searchParams }: Props) {
  const raw = await searchParams;
  const user = await currentUser();
  const q = typeof raw.q === "string" ? raw.q : "";
  const status = typeof raw.status === "string" && raw.status !== "" ? raw.status : undefined;
  const prepared = q.trim() === "" ? undefined : prepare(certLookup.id, raw, user);
  // The role check even before a search: 403, as the report page answers; audited like any request not run.
  if (!canRun(user, certLookup)) {
    auditNotRun(user, certLookup.id, "forbidden", raw);
    forbidden();
  }
  if (prepared && prepared.kind !== "ok") auditNotRun(user, certLookup.id, prepared.kind, raw);
  const issues = prepared?.kind === "invalid" ? prepared.issues : [];
  return (
    <>
      <h1>Certificate lookup</h1>
      <search>
        <form method="get" action="/certs" className="param-form">
          <div className={`field${issues.length > 0 ? " invalid" : ""}`} style={{ flex: "1 1 30rem" }}>
            <label htmlFor="cert-q">Domain, tracking number, order, serial, fingerprint or customer</label>
            <input
              id="cert-q"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={255}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder="www.example.com, C-123, ORD-…, 0A:1B:…"
              aria-describedby={issues.length > 0 ? "cert-q-error" : undefined}
            />
            {issues.map((issue) => (
              <span key={`${issue.param}:${issue.message}`} id="cert-q-error" className="field-error" role="alert">
                {issue.param === "q" ? "The search" : issue.param} {issue.message}
              </span>
            ))}
          </div>
          {status && <input type="hidden" name="status" value={status} />}
          <button type="submit">Search</button>
        </form>
      </search>
      <LiveSearch inputId="cert-q" />
      {prepared?.kind === "ok" ? (
        <Suspense key={prepared.canonical.toString()} fallback={<ResultSkeleton />}>
          <ReportResult
            report={prepared.report}
            params={prepared.params as Record<string, unknown>}
            canonical={prepared.canonical}
            user={user}
            searchParams={raw}
            settled={startRun(prepared.report, prepared.params, prepared.canonical, user)}
          />
        </Suspense>
      ) : (
        prepared === undefined && (
          <p className="muted">
            Type a domain (any case, trailing dot, Unicode or punycode), a tracking number like C-123, a vendor order or
            product number, a serial or SHA-256 fingerprint (colons optional), or part of a name or customer (3
            characters or more).
          </p>
        )
      )}
    </>
  );
}
