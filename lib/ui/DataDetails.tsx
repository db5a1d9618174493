"use client";

import { type ReactNode, useState } from "react";

/**
 * A chart's numbers as a table, behind a disclosure that draws the table
 * only once opened: closed, it is one line of the page, not hundreds of rows
 * of HTML (profitability's 200 clients were 42 KB, queue depth's 2,028
 * points far more). The rows come from the chart's own props, already on the
 * page; opening it (click, Enter or Space) draws them.
 */
export function DataDetails({
  summary,
  className,
  children,
}: {
  summary: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}
