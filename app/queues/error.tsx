"use client";

/** A failure the page did not expect: said plainly, with a retry, never an empty queue. */
export default function QueuesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error" role="alert">
      <h2>The queue view failed</h2>
      <p>
        Something unexpected went wrong{error.digest ? ` (reference ${error.digest})` : ""}. The server log has the
        details.
      </p>
      <button type="button" onClick={reset}>
        Retry
      </button>
    </div>
  );
}
