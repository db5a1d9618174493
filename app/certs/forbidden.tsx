import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { certLookup } from "@/lib/reports/cert-lookup/report";
import { youAre } from "@/lib/ui/you-are";

/** What a role that may not look certificates up sees, with status 403 (the report page says the same). */
export default async function CertificatesForbidden() {
  const user = await currentUser();
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        Certificate lookup is for {certLookup.roles.join(", ")}; {youAre(user)}.{" "}
        <Link href="/">See the reports you can run</Link>.
      </p>
    </div>
  );
}
