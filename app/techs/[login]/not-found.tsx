import Link from "next/link";

/** An unknown login, or one the caller's role may not see: the page does not say which. */
export default function TechNotFound() {
  return (
    <div className="error" role="alert">
      <h1>No such tech</h1>
      <p>
        There is no tech with this login that you may see.{" "}
        <Link href="/reports/tech-scorecard">Back to the scorecards</Link>.
      </p>
    </div>
  );
}
