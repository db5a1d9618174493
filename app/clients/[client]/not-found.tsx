import Link from "next/link";

/** A client no billing account and no helpdesk customer is (status 404). */
export default function ClientNotFound() {
  return (
    <div className="error" role="alert">
      <h1>No such client</h1>
      <p>
        No billing account has this number, and no helpdesk customer this id.{" "}
        <Link href="/reports/client-profitability">Back to client profitability</Link>.
      </p>
    </div>
  );
}
