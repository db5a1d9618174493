import Link from "next/link";

/** A login no helpdesk tech has (status 404). */
export default function TechNotFound() {
  return (
    <div className="error" role="alert">
      <h1>No such tech</h1>
      <p>
        No helpdesk tech has this login. <Link href="/reports/tech-scorecard">Back to the scorecards</Link>.
      </p>
    </div>
  );
}
