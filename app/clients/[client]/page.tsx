import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { canRun } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { parseParams, type RawParams, toSearchParams } from "@/lib/params/parse";
import { isPreset, resolvePreset } from "@/lib/params/presets";
import { clientProfitability } from "@/lib/reports/client-profitability/report";
import { formatClientKey } from "@/lib/reports/client-profitability/client-key";
import { MonthsPanel, SummaryPanel, TechsPanel, TicketsPanel } from "@/lib/reports/client-profitability/detail/panels";
import { clientDetailParams } from "@/lib/reports/client-profitability/detail/params";
import { profitabilityParams } from "@/lib/reports/client-profitability/params";
import { isCanonical } from "@/lib/reports/request";
import { ParamForm } from "@/lib/ui/ParamForm";
import { ResultSkeleton } from "@/lib/ui/ResultSkeleton";

export const metadata: Metadata = { title: "Client profitability" };

/**
 * One client of the client-profitability report (/clients/{account_no} or
 * /clients/customer-{id}, with the report's from, to and scope): its totals,
 * hours beside revenue by month, its tickets with time and cost, and the
 * techs who spent the time. Managers only, like the report: it shows money.
 */
interface ClientPageProps {
  params: Promise<{ client: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ClientPage({ params, searchParams }: ClientPageProps) {
  const client = decodeOnce((await params).client);
  const raw = await searchParams;
  const user = await currentUser();
  if (!canRun(user, clientProfitability)) {
    return (
      <div className="error" role="alert">
        <h1>Not for your role</h1>
        <p>
          Client profitability shows revenue and labor cost: it is for {clientProfitability.roles.join(", ")}; you are
          signed in as {user.role}.
        </p>
      </div>
    );
  }
  const input: RawParams = { ...raw, client };
  delete input.preset;
  if (typeof raw.preset === "string" && isPreset(raw.preset)) {
    Object.assign(input, resolvePreset(raw.preset, new Date(), config().LOOKBACK_TZ));
  }
  const parsed = parseParams(clientDetailParams, input);
  if (!parsed.ok && parsed.issues.some((i) => i.param === "client")) notFound();
  const path = `/clients/${encodeURIComponent(client)}`;
  const back = (query: URLSearchParams) => `/reports/${clientProfitability.id}?${query}`;
  if (!parsed.ok) {
    return (
      <>
        <h1>{client}</h1>
        <Form action={path} values={raw} issues={parsed.issues} />
      </>
    );
  }
  const p = parsed.params;
  const query = toSearchParams({ from: p.from, to: p.to, scope: p.scope });
  if (!isCanonical(raw, query)) redirect(`${path}?${query}`);
  const panel = { params: p, canonical: toSearchParams({ ...p, client: formatClientKey(p.client) }), user };
  return (
    <>
      <p>
        <Link href={back(query)}>← All clients</Link>
      </p>
      <Suspense key={`summary ${panel.canonical}`} fallback={<ResultSkeleton />}>
        <SummaryPanel {...panel} fallbackName={client} />
      </Suspense>
      <Form action={path} values={p} issues={[]} />
      <Suspense key={`months ${panel.canonical}`} fallback={<ResultSkeleton />}>
        <MonthsPanel {...panel} />
      </Suspense>
      <Suspense key={`tickets ${panel.canonical}`} fallback={<ResultSkeleton />}>
        <TicketsPanel {...panel} />
      </Suspense>
      <Suspense key={`techs ${panel.canonical}`} fallback={<ResultSkeleton />}>
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
