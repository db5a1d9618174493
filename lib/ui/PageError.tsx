"use client";

export interface ErrorBoundaryProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** What every route's error boundary shows: a failure said plainly, with a retry, never an empty page. */
export function PageError({ title, error, reset }: ErrorBoundaryProps & { title: string }) {
  return (
    <div className="error" role="alert">
      <h2>{title}</h2>
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
