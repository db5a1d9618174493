import Link from "next/link";

export default function CertificateNotFound() {
  return (
    <div className="empty">
      <h1>No such certificate</h1>
      <p>
        There is no certificate with that tracking number. <Link href="/certs">Search for it</Link> by name, order,
        serial or fingerprint.
      </p>
    </div>
  );
}
