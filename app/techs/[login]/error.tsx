"use client";

/** Anything the tech page did not expect: said plainly, with a retry. */
export default function TechPageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="error" role="alert">
      <h2>The tech page failed</h2>
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
