import type { Metadata } from "next";
import Link from "next/link";
import { canRun } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { STARTERS } from "@/lib/subscriptions/starters";
import { NoStoreError } from "@/lib/subscriptions/store";
import { listSubscriptions, type Subscription } from "@/lib/subscriptions/subscriptions";
import { SubscriptionForm } from "@/lib/subscriptions/ui/SubscriptionForm";
import { parseViewUrl } from "@/lib/subscriptions/view-url";
import { listViews, type SavedView } from "@/lib/subscriptions/views";

export const metadata: Metadata = { title: "Subscriptions and alerts" };

/** The visitor's subscriptions and alerts, and a form for a new one (from a saved view or a starter). */
export default async function SubscriptionsPage() {
  const user = await currentUser();
  let subscriptions: Subscription[];
  let views: { mine: SavedView[]; shared: SavedView[] };
  try {
    [subscriptions, views] = await Promise.all([listSubscriptions(user), listViews(user)]);
  } catch (error) {
    if (error instanceof NoStoreError) return <p className="error">{error.message}</p>;
    throw error;
  }
  const starters = STARTERS.filter((s) => {
    const parsed = parseViewUrl(s.url);
    return parsed.ok && canRun(user, parsed.view.report);
  }).map((s) => ({ id: s.id, name: s.title, url: s.url, description: s.description, when: s.when }));
  return (
    <>
      <h1>Subscriptions and alerts</h1>
      {subscriptions.length === 0 ? (
        <p className="empty">No subscriptions yet.</p>
      ) : (
        <ul className="catalog-list" aria-label="Your subscriptions">
          {subscriptions.map((s) => (
            <li key={s.id}>
              <Link href={`/subscriptions/${s.id}`}>{s.name}</Link>{" "}
              <span className="muted">
                {s.when ? "alert" : "report"}, {s.schedule} ({s.timezone}){s.stopped ? `, stopped: ${s.stopped}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SubscriptionForm
        views={[...views.mine, ...views.shared].map((v) => ({ name: v.name, url: v.url }))}
        starters={starters}
        timeZone={config().LOOKBACK_TZ}
      />
    </>
  );
}
