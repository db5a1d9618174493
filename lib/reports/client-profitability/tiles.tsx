/** One figure of a `tiles` grid, with an optional line under it. */
export function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="tile">
      <dt className="tile-label">{label}</dt>
      <dd className="tile-value">{value}</dd>
      {note && <dd className="muted">{note}</dd>}
    </div>
  );
}

/** The warning the definition asks for: entries without a cost rate count as 0, and the page says how many. */
export function MissingRatesWarning({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="warn" role="alert">
      {count} time {count === 1 ? "entry" : "entries"} had no cost rate in force; their cost counts as 0.
    </p>
  );
}
