import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { youAre } from "@/lib/ui/you-are";

/** What a role that may not run a report sees (with status 403): said plainly, with the way back to what it may run. */
export default async function ReportForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        This report is not available to the {user.role} role: {youAre(user)}.{" "}
        <Link href="/">See the reports you can run</Link>.
      </p>
    </div>
  );
}
