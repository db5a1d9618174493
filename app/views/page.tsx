import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { getReport } from "@/lib/reports/registry";
import { NoStoreError } from "@/lib/subscriptions/store";
import { ViewActions } from "@/lib/subscriptions/ui/ViewActions";
import { listViews, type SavedView } from "@/lib/subscriptions/views";

export const metadata: Metadata = { title: "Saved views" };

/** Every view the visitor sees: their own (open, rename, delete) and those shared with them (open). */
export default async function ViewsPage() {
  const user = await currentUser();
  let views: { mine: SavedView[]; shared: SavedView[] };
  try {
    views = await listViews(user);
  } catch (error) {
    if (error instanceof NoStoreError) return <p className="error">{error.message}</p>;
    throw error;
  }
  const sharing = (v: SavedView) =>
    v.shared
      ? `shared with ${v.shared.role}s${v.shared.teams ? ` of teams ${v.shared.teams.join(", ")}` : ""}`
      : "private";
  return (
    <>
      <h1>Saved views</h1>
      <p className="muted">
        Save a view from any report page with “Save view”. Subscribe to one on{" "}
        <Link href="/subscriptions">Subscriptions and alerts</Link>.
      </p>
      <section aria-labelledby="my-views">
        <h2 id="my-views">My views</h2>
        {views.mine.length === 0 && <p className="empty">You have saved no view yet.</p>}
        <ul className="catalog-list">
          {views.mine.map((v) => (
            <li key={v.id}>
              <Link href={v.url}>{v.name}</Link>{" "}
              <span className="muted">
                {getReport(v.report)?.title ?? v.report}, {sharing(v)}
              </span>
              <ViewActions id={v.id} name={v.name} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="shared-views">
        <h2 id="shared-views">Shared views</h2>
        {views.shared.length === 0 && <p className="empty">No one has shared a view with you.</p>}
        <ul className="catalog-list">
          {views.shared.map((v) => (
            <li key={v.id}>
              <Link href={v.url}>{v.name}</Link>{" "}
              <span className="muted">
                {getReport(v.report)?.title ?? v.report}, by {v.owner}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
