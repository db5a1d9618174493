import Link from "next/link";
import { currentUser } from "@/lib/auth/session";

/** A tech the caller's role may not see (status 403): a lead sees their teams' techs, a tech their own page. */
export default async function TechForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        This tech&apos;s page is not available to you ({user.role}, signed in as {user.login}): leads see the techs of
        their teams, techs their own page. <Link href="/reports/tech-scorecard">Back to the scorecards</Link>.
      </p>
    </div>
  );
}
