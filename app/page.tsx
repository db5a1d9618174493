import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { reportsFor } from "@/lib/reports/registry";
import type { Audience } from "@/lib/reports/types";
import { SavedViewsSection } from "@/lib/subscriptions/ui/SavedViewsSection";
import { ReportIntro } from "@/lib/ui/ReportIntro";

const AUDIENCES: Audience[] = ["managers", "team leads", "techs"];

/** The catalog: every report the visitor's role may run, grouped by who it is for, with a search box. */
export default async function CatalogPage({ searchParams }: PageProps<"/">) {
  const user = await currentUser();
  const q = String((await searchParams).q ?? "")
    .trim()
    .toLowerCase();
  const reports = reportsFor(user.role).filter(
    (r) => q === "" || `${r.title} ${r.description} ${r.id}`.toLowerCase().includes(q),
  );
  return (
    <>
      <h1>Reports</h1>
      <form method="get" className="toolbar" aria-label="Search reports">
        <input type="search" name="q" defaultValue={q} placeholder="Search reports" aria-label="Search reports" />
        <button type="submit">Search</button>
      </form>
      <SavedViewsSection user={user} />
      {reports.length === 0 && (
        <p className="empty">
          No report matches “{q}” for the {user.role} role.
        </p>
      )}
      {AUDIENCES.map((audience) => {
        const group = reports.filter((r) => r.audience === audience);
        if (group.length === 0) return null;
        return (
          <section key={audience} className="catalog-group" aria-labelledby={`for-${audience}`}>
            <h2 id={`for-${audience}`}>For {audience}</h2>
            <ul className="catalog-list">
              {group.map((r) => (
                <li key={r.id}>
                  <Link href={r.page ?? `/reports/${r.id}`}>{r.title}</Link>
                  <ReportIntro report={r} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
