import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Suspense } from "react";
import { canRun } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { SourceError } from "@/lib/db/errors";
import { BillingLines } from "@/lib/reports/cert-lookup/certificate/BillingLines";
import { CertificateFacts } from "@/lib/reports/cert-lookup/certificate/CertificateFacts";
import { getCertificate } from "@/lib/reports/cert-lookup/certificate/get-certificate";
import { parseCertificateId } from "@/lib/reports/cert-lookup/certificate/parse-id";
import { TicketSection } from "@/lib/reports/cert-lookup/certificate/TicketSection";
import { certLookup } from "@/lib/reports/cert-lookup/report";
import { trackingOf } from "@/lib/ui/certificate-expiry";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";

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
 * ticket with the ticket's status history, and the billing lines of its order
 * (from the billing database, streamed in on their own).
 */
export default async function CertificatePage({ params, searchParams }: Props) {
  const user = await currentUser();
  if (!canRun(user, certLookup)) forbidden();
  // The search the certificate was found by (certificateHref): the breadcrumb leads back to its results.
  const { q } = await searchParams;
  const search = typeof q === "string" && q.trim() !== "" ? q.trim().slice(0, 255) : undefined;
  const id = parseCertificateId((await params).id);
  if (id === undefined) notFound();
  let cert: Awaited<ReturnType<typeof getCertificate>>;
  try {
    cert = await getCertificate(id);
  } catch (error) {
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    throw error;
  }
  if (!cert) notFound();
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
      <CertificateFacts cert={cert} now={new Date()} />
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
      <TicketSection ticket={cert.ticket} timeZone={config().LOOKBACK_TZ} />
      <section aria-labelledby="billing-heading">
        <h2 id="billing-heading">Billing lines of order {cert.product_no}</h2>
        <Suspense fallback={<p className="muted">Reading the billing database…</p>}>
          <BillingLines productNo={cert.product_no} user={user} />
        </Suspense>
      </section>
    </article>
  );
}
