import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { youAre } from "@/lib/ui/you-are";

/** A role that may not see money (status 403): the client page is for managers, like the report. */
export default async function ClientForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        Client pages show revenue and labor cost: they are for managers; {youAre(user)}.{" "}
        <Link href="/">See the reports you can run</Link>.
      </p>
    </div>
  );
}
