/** What shows while a report's query runs. */
export function ResultSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Running the report">
      <p className="muted">Running the report…</p>
      <div className="skeleton" style={{ width: "40%" }} />
      <div className="skeleton" style={{ height: "12rem" }} />
      <div className="skeleton" />
      <div className="skeleton" />
    </div>
  );
}
