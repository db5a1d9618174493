import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { queueTimeTravel } from "@/lib/reports/queue-time-travel/report";
import { youAre } from "@/lib/ui/you-are";

/** What a role that may not see the queues sees, with status 403 (the report page says the same). */
export default async function QueuesForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        The queue view is for {queueTimeTravel.roles.join(", ")}; {youAre(user)}.{" "}
        <Link href="/">See the reports you can run</Link>.
      </p>
    </div>
  );
}
