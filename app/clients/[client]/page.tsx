import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { type RawParams, toSearchParams } from "@/lib/params/parse";
import {
  ClientHeader,
  MonthsPanel,
  SummaryPanel,
  TechsPanel,
  TicketsPanel,
} from "@/lib/reports/client-profitability/detail/panels";
import type { ClientProfileRow } from "@/lib/reports/client-profitability/detail/query";
import { clientProfileReport } from "@/lib/reports/client-profitability/detail/report";
import { profitabilityParams } from "@/lib/reports/client-profitability/params";
import { clientProfitability } from "@/lib/reports/client-profitability/report";
import { runForPage } from "@/lib/reports/page-run";
import { isCanonical, prepare } from "@/lib/reports/request";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { ParamForm } from "@/lib/ui/ParamForm";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export const metadata: Metadata = { title: "Client profitability" };

/**
 * One client of the client-profitability report (/clients/{account_no} or
 * /clients/customer-{id}, with the report's from, to and scope): its totals,
 * hours beside revenue by month, its tickets with time and cost, and the
 * techs who spent the time. Managers only, like the report: it shows money.
 * Its data are sub-reports of the report (…/detail/report.ts), run by the
 * engine like any report; each panel streams in on its own.
 */
interface ClientPageProps {
  params: Promise<{ client: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ClientPage({ params, searchParams }: ClientPageProps) {
  const client = decodeOnce((await params).client);
  const raw = await searchParams;
  const user = await currentUser();
  const path = `/clients/${encodeURIComponent(client)}`;
  const input: RawParams = { ...raw, client };
  // A preset (from the report's form) becomes concrete days in the URL, as everywhere.
  const prepared = prepare(clientProfileReport.id, input, user);
  if (prepared.kind === "ok") {
    const { from, to, scope } = prepared.params as { from: string; to: string; scope: string };
    const query = toSearchParams({ from, to, scope });
    if (!isCanonical(raw, query)) redirect(`${path}?${query}`);
  }
  // Who the client is, before anything streams: an unknown client is a 404, a role without money a 403.
  const profile = await runForPage(clientProfileReport, input, user, { path: ["client"] });
  if (profile.kind !== "ok") {
    return (
      <>
        <h1>{client}</h1>
        {profile.kind === "failed" ? (
          <ErrorPanel kind={profile.error.kind} message={profile.error.message} />
        ) : (
          <Form action={path} values={raw} issues={profile.issues} />
        )}
      </>
    );
  }
  const p = profile.params;
  const query = toSearchParams({ from: p.from, to: p.to, scope: p.scope });
  const panel = { input: { ...Object.fromEntries(query), client }, user, range: { from: p.from, to: p.to } };
  const key = `${client}?${query}`;
  return (
    <>
      <p>
        <Link href={`/reports/${clientProfitability.id}?${query}`}>← All clients</Link>
      </p>
      <ClientHeader profile={profile.run.rows[0] as ClientProfileRow} panel={panel} />
      <Form action={path} values={p} issues={[]} />
      <Suspense key={`summary ${key}`} fallback={<ResultSkeleton />}>
        <SummaryPanel {...panel} />
      </Suspense>
      <Suspense key={`months ${key}`} fallback={<ResultSkeleton />}>
        <MonthsPanel {...panel} />
      </Suspense>
      <Suspense key={`tickets ${key}`} fallback={<ResultSkeleton />}>
        <TicketsPanel {...panel} />
      </Suspense>
      <Suspense key={`techs ${key}`} fallback={<ResultSkeleton />}>
        <TechsPanel {...panel} />
      </Suspense>
    </>
  );
}

function Form(props: {
  action: string;
  values: Record<string, unknown>;
  issues: { param: string; message: string }[];
}) {
  return (
    <ParamForm
      action={props.action}
      schema={profitabilityParams}
      values={props.values}
      issues={props.issues}
      options={undefined}
      timeZone={config().LOOKBACK_TZ}
    />
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
