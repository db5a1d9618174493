import Link from "next/link";
import type { User } from "../../auth/roles";
import { errorMessage, log } from "../../log";
import { NoStoreError } from "../store";
import { listViews, type SavedView } from "../views";

/** The catalog's "My views" and "Shared views": a few of each, and the way to all of them. */
export async function SavedViewsSection({ user }: { user: User }) {
  let views: { mine: SavedView[]; shared: SavedView[] };
  try {
    views = await listViews(user);
  } catch (error) {
    // The catalog must not fail because our own database does: the reports still run from the replicas.
    if (error instanceof NoStoreError) return null;
    log.warn({ err: errorMessage(error) }, "saved views could not be read for the catalog");
    return <p className="muted">Saved views cannot be read right now.</p>;
  }
  const list = (title: string, items: SavedView[]) => (
    <div>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="catalog-list">
          {items.slice(0, 8).map((v) => (
            <li key={v.id}>
              <Link href={v.url}>{v.name}</Link>
              {title === "Shared views" && <span className="muted"> by {v.owner}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className="catalog-group" aria-labelledby="saved-views">
      <h2 id="saved-views">Saved views</h2>
      {list("My views", views.mine)}
      {list("Shared views", views.shared)}
      <p>
        <Link href="/views">All views</Link> · <Link href="/subscriptions">Subscriptions and alerts</Link>
      </p>
    </section>
  );
}
