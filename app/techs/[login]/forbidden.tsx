import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { youAre } from "@/lib/ui/you-are";

/** A tech the caller's role may not see (status 403): a lead sees their teams' techs, a tech their own page. */
export default async function TechForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        This tech&apos;s page is not available to you ({youAre(user)}): leads see the techs of their teams, techs their
        own page. <Link href="/reports/tech-scorecard">Back to the scorecards</Link>.
      </p>
    </div>
  );
}
