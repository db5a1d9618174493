"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

const TITLES: Record<string, string> = {
  source_down: "A source database cannot be reached",
  busy: "Lookback is busy",
  timeout: "The query ran out of time",
  replication_conflict: "The replica cancelled the query",
  cancelled: "The query was cancelled",
  query_failed: "The database refused the query",
  read_only: "Refused: Lookback only reads",
  invalid_params: "Check the parameters",
  not_found: "Not found",
  forbidden: "Not for your role",
};

/** A failed run says what failed, in words, with a retry: never a table of zeros. */
export function ErrorPanel({ kind, message }: { kind: string; message: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className="error" role="alert" data-error-kind={kind}>
      <h2>{TITLES[kind] ?? "The report could not run"}</h2>
      <p>{message}</p>
      <button type="button" onClick={() => startTransition(() => router.refresh())} disabled={pending}>
        {pending ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}
