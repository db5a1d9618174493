import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { recentRuns, shown, subscriptionFor } from "@/lib/subscriptions/subscriptions";
import { SubscriptionActions } from "@/lib/subscriptions/ui/SendNow";

export const metadata: Metadata = { title: "Subscription" };

const OUTCOMES = {
  delivered: "Delivered",
  quiet: "Not sent (the alert did not change)",
  failed: "Failed",
  stopped: "Stopped",
} as const;

/** One subscription: what it sends, when and where (the webhook's path hidden), why it stopped, and its last runs. */
export default async function SubscriptionPage({ params }: PageProps<"/subscriptions/[id]">) {
  const user = await currentUser();
  const row = await subscriptionFor((await params).id, user);
  if (!row) notFound();
  const sub = shown(row);
  const runs = await recentRuns(sub.id);
  const zone = config().LOOKBACK_TZ;
  const at = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "medium" }).format(
          new Date(iso),
        )
      : "—";
  const when = sub.when
    ? "rows" in sub.when
      ? `the number of rows is ${sub.when.rows} ${sub.when.value}`
      : `${sub.when.aggregate === "sum" ? "the total of" : sub.when.aggregate === "latest" ? "the latest" : "any row's"} ${sub.when.column} is ${sub.when.op} ${sub.when.value}`
    : undefined;
  return (
    <>
      <h1>{sub.name}</h1>
      {sub.stopped && (
        <p className="warn" role="status">
          This subscription has stopped: {sub.stopped}
        </p>
      )}
      <dl className="run-facts">
        <dt>View</dt>
        <dd>
          <Link href={sub.url}>{sub.url}</Link>
        </dd>
        <dt>Schedule</dt>
        <dd>
          <code>{sub.schedule}</code> in {sub.timezone}; next: {at(sub.next)} ({zone})
        </dd>
        <dt>Delivered to</dt>
        <dd>{sub.email ? sub.email.join(", ") : sub.webhook}</dd>
        <dt>Kind</dt>
        <dd>
          {when
            ? `Alert: sent when ${when} becomes true, and once when it clears${sub.alerting ? " (now alerting)" : ""}`
            : "Report: sent at every slot"}
        </dd>
        <dt>Owner</dt>
        <dd>{sub.owner} (runs with the owner's role at each run)</dd>
      </dl>
      <SubscriptionActions id={sub.id} />
      <h2 id="runs">Last runs</h2>
      {runs.length === 0 ? (
        <p className="empty">It has not run yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="runs">
            <thead>
              <tr>
                <th scope="col">Time ({zone})</th>
                <th scope="col">Slot ({zone})</th>
                <th scope="col">Rows</th>
                <th scope="col">Outcome</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={`${r.at}-${r.slot}-${r.outcome}`}>
                  <td>{at(r.at)}</td>
                  <td>{r.slot ? at(r.slot) : "send now"}</td>
                  <td className="num">{r.rows ?? "—"}</td>
                  <td>{OUTCOMES[r.outcome]}</td>
                  <td>{r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
