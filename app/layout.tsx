import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ROLES } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { ReportingZone } from "@/lib/ui/Instant";
import { MainNav } from "@/lib/ui/MainNav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lookback", template: "%s · Lookback" },
  description: "Saved, parametrized reports over the helpdesk and billing replicas.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const demo = config().LOOKBACK_AUTH === "demo";
  const zone = config().LOOKBACK_TZ;
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="shell">
          <div className="shell-header">
            <Link href="/" className="brand">
              Lookback
            </Link>
            <MainNav />
            {demo ? (
              <form method="post" action="/api/role" aria-label="Demo role" className="role-switcher">
                <label htmlFor="role-switcher">Role</label>
                <select id="role-switcher" name="role" defaultValue={user.role}>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary">
                  Switch
                </button>
              </form>
            ) : (
              <p className="signed-in" data-testid="signed-in">
                Signed in as <strong>{user.login}</strong> ({user.role})
              </p>
            )}
          </div>
          {/* Inside the header (a landmark), so screen-reader users who jump by region still meet it. */}
          {demo && (
            <p className="demo-banner" role="note">
              Demo mode: no sign-in is configured, so anyone can pick a role. You are viewing as{" "}
              <strong>{user.role}</strong>
              {user.role === "lead" && <> (leading team {user.teamIds.join(", ")})</>}
              {user.role === "tech" && <> (helpdesk tech {user.techId})</>}.
            </p>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          <ReportingZone zone={zone}>{children}</ReportingZone>
        </main>
      </body>
    </html>
  );
}
