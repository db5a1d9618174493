"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./fetch-json";

/** "Send now" and "Delete" on a subscription's page. */
export function SubscriptionActions({ id }: { id: string }) {
  const router = useRouter();
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  async function sendNow() {
    setBusy(true);
    const result = await callApi("POST", `/api/subscriptions/${id}/run`);
    setBusy(false);
    const outcome = result.json as { delivered?: boolean; rows?: number; error?: string } | null;
    setSaid(
      !result.ok
        ? `Not sent: ${result.said}`
        : outcome?.delivered
          ? `Sent: ${outcome.rows} rows.`
          : `Not sent: ${outcome?.error ?? "unknown reason"}`,
    );
    router.refresh();
  }
  async function remove() {
    const result = await callApi("DELETE", `/api/subscriptions/${id}`);
    if (result.ok) router.push("/subscriptions");
    else setSaid(`Not deleted: ${result.said}`);
  }
  return (
    <div className="toolbar">
      <button type="button" onClick={sendNow} disabled={busy}>
        {busy ? "Sending…" : "Send now"}
      </button>
      <button type="button" className="secondary" onClick={remove}>
        Delete subscription
      </button>
      <p role="status">{said}</p>
    </div>
  );
}
