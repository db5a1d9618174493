import Link from "next/link";
import type { ReactNode } from "react";
import { certificateHref, trackingOf } from "../../../ui/certificate-expiry";
import { Instant } from "../../../ui/Instant";
import styles from "./certificate.module.css";
import { ExpiryBadge } from "./ExpiryBadge";
import type { CertificateRow } from "./query";
import { customerTicketsHref } from "./ticket-href";

/** Every field of the tracking entry, in the order a tech reads it: who, what, where, when. */
export function CertificateFacts({ cert, now, timeZone }: { cert: CertificateRow; now: Date; timeZone: string }) {
  return (
    <dl className="facts card">
      <Fact label="Tracking number">{trackingOf(cert.id)}</Fact>
      <Fact label="Customer">
        {cert.customer} <span className="muted">(customer {cert.customer_id})</span>{" "}
        <Link href={customerTicketsHref(cert.customer_id, now, timeZone)}>tickets of the last 12 months</Link>
      </Fact>
      <Fact label="Billing account">{orNone(cert.billing_account_no)}</Fact>
      <Fact label="Status">{cert.status.replace("_", " ")}</Fact>
      <Fact label="Common name">{cert.common_name}</Fact>
      <Fact label="Vendor">{cert.vendor}</Fact>
      <Fact label="Vendor order">{orNone(cert.vendor_order_id)}</Fact>
      <Fact label="Product number">{cert.product_no}</Fact>
      <Fact label="Key type">{cert.key_type}</Fact>
      <Fact label="Serial">{hex(cert.serial_hex)}</Fact>
      <Fact label="SHA-256 fingerprint">{hex(cert.sha256_fingerprint)}</Fact>
      <Fact label="Server">{orNone(cert.server_hostname)}</Fact>
      <Fact label="Virtual host">{orNone(cert.vhost)}</Fact>
      <Fact label="Requested">
        <Instant value={cert.requested_at} />
      </Fact>
      <Fact label="Issued">
        <Instant value={cert.issued_at} />
      </Fact>
      <Fact label="Valid from">
        <Instant value={cert.not_before} />
      </Fact>
      <Fact label="Expires">
        <Instant value={cert.not_after} /> <ExpiryBadge notAfter={cert.not_after} now={now} />
      </Fact>
      <Fact label="Renewal">
        {cert.renewal_id === null ? (
          orNone(null, "none started")
        ) : (
          <>
            <Link href={certificateHref(cert.renewal_id)}>{trackingOf(cert.renewal_id)}</Link>{" "}
            <span className="muted">({String(cert.renewal_status).replace("_", " ")})</span>
          </>
        )}
      </Fact>
      <Fact label="Last updated">
        <Instant value={cert.updated_at} />
      </Fact>
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function orNone(value: string | null, none = "none"): ReactNode {
  return value ?? <span className="muted">{none}</span>;
}

function hex(value: string | null): ReactNode {
  return value === null ? orNone(null) : <span className={styles.hex}>{value}</span>;
}
