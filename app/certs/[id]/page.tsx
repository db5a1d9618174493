import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { CertificateFacts } from "@/lib/reports/cert-lookup/certificate/CertificateFacts";
import { BillingPanel, type CertPanelProps, TicketPanel } from "@/lib/reports/cert-lookup/certificate/panels";
import { parseCertificateId } from "@/lib/reports/cert-lookup/certificate/parse-id";
import { certificateReport } from "@/lib/reports/cert-lookup/certificate/report";
import { runForPage } from "@/lib/reports/page-run";
import { trackingOf } from "@/lib/ui/certificate-expiry";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";
import { SqlView } from "@/lib/ui/SqlView";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseCertificateId((await params).id);
  return { title: id === undefined ? "Unknown certificate" : trackingOf(id) };
}

/**
 * A certificate's own page: every field of its tracking entry, its SANs, its
 * ticket with the ticket's status history, and the billing lines of its order.
 * Its data are sub-reports of cert-lookup (lib/reports/cert-lookup/certificate/report.ts):
 * the page waits for the certificate (an unknown tracking number is a 404),
 * then the ticket and the billing lines stream in on their own.
 */
export default async function CertificatePage({ params, searchParams }: Props) {
  const user = await currentUser();
  // The search the certificate was found by (certificateHref): the breadcrumb leads back to its results.
  const { q } = await searchParams;
  const search = typeof q === "string" && q.trim() !== "" ? q.trim().slice(0, 255) : undefined;
  const input = { id: (await params).id };
  // A path that is not even a tracking number names no certificate (404).
  const result = await runForPage(certificateReport, input, user, { path: ["id"] });
  if (result.kind === "invalid") notFound();
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  const cert = result.run.rows[0];
  if (!cert) notFound();
  const panel: CertPanelProps = { input, user, cert, timeZone: config().LOOKBACK_TZ };
  return (
    <article>
      <p className="muted">
        <Link href={search ? `/certs?${new URLSearchParams({ q: search })}` : "/certs"}>
          {search ? `Certificate lookup: “${search}”` : "Certificate lookup"}
        </Link>{" "}
        ›
      </p>
      <h1>
        {trackingOf(cert.id)} · {cert.common_name}
      </h1>
      <CertificateFacts cert={cert} now={new Date()} timeZone={panel.timeZone} />
      <SqlView queries={result.run.queries} />
      <section aria-labelledby="sans-heading">
        <h2 id="sans-heading">Subject alternative names ({cert.sans.length})</h2>
        {cert.sans.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul>
            {cert.sans.map((name, i) => (
              // The same name may be listed twice as the customer typed it.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders.
              <li key={i}>{name}</li>
            ))}
          </ul>
        )}
      </section>
      <Suspense fallback={<p className="muted">Reading the ticket…</p>}>
        <TicketPanel {...panel} />
      </Suspense>
      <section aria-labelledby="billing-heading">
        <h2 id="billing-heading">Billing lines of order {cert.product_no}</h2>
        <Suspense fallback={<p className="muted">Reading the billing database…</p>}>
          <BillingPanel {...panel} />
        </Suspense>
      </section>
    </article>
  );
}
