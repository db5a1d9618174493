import { certLookup } from "@/lib/reports/cert-lookup";

/** What a role that may not look certificates up sees instead (the shared report page says the same). */
export function Forbidden({ role }: { role: string }) {
  return (
    <div className="error" role="alert">
      <h1>Not for your role</h1>
      <p>
        Certificate lookup is for {certLookup.roles.join(", ")}; you are signed in as {role}.
      </p>
    </div>
  );
}
